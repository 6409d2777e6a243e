package dev.voiceotp.contract.health;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code otp.dependency.up{dependency}}: 1 while a readiness dependency (redis, kafka, plivo, ...) is UP, else 0.
 * Alerts need it because the request counters only show an outage while traffic fails, and a quiet night with
 * Redis down would otherwise go unnoticed until the morning's first signup. Registered once every bean exists
 * (registering while the meter registry is being built would pull the connection factories into a cycle); the
 * value is read through the health endpoint at scrape time, so it is what a readiness probe would see.
 */
final class DependencyHealthMetrics implements SmartInitializingSingleton {

    static final String READINESS = "readiness";
    private static final Set<String> NOT_DEPENDENCIES = Set.of("readinessState", "livenessState");

    private final MeterRegistry meters;
    private final ObjectProvider<HealthEndpoint> endpoint;
    private final ObjectProvider<HealthEndpointGroups> groups;
    private final ObjectProvider<HealthContributorRegistry> contributors;
    private final ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors;

    DependencyHealthMetrics(MeterRegistry meters, ObjectProvider<HealthEndpoint> endpoint, ObjectProvider<HealthEndpointGroups> groups,
            ObjectProvider<HealthContributorRegistry> contributors, ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors) {
        this.meters = meters;
        this.endpoint = endpoint;
        this.groups = groups;
        this.contributors = contributors;
        this.reactiveContributors = reactiveContributors;
    }

    @Override
    public void afterSingletonsInstantiated() {
        HealthEndpoint health = endpoint.getIfAvailable();
        HealthEndpointGroups allGroups = groups.getIfAvailable();
        HealthEndpointGroup readiness = allGroups == null ? null : allGroups.get(READINESS);
        if (health == null || readiness == null) {
            return;
        }
        for (String dependency : dependencies(readiness)) {
            Gauge.builder("otp.dependency.up", health, h -> isUp(h, dependency))
                    .description("1 while the readiness dependency is UP, else 0")
                    .tag("dependency", dependency)
                    .register(meters);
        }
    }

    private Set<String> dependencies(HealthEndpointGroup readiness) {
        Set<String> names = new TreeSet<>();
        Stream.concat(
                        contributors.stream().flatMap(HealthContributors::stream).map(HealthContributors.Entry::name),
                        reactiveContributors.stream().flatMap(registry -> registry.stream().map(entry -> entry.name())))
                .filter(readiness::isMember)
                .filter(name -> !NOT_DEPENDENCIES.contains(name))
                .forEach(names::add);
        return names;
    }

    private static double isUp(HealthEndpoint health, String dependency) {
        HealthDescriptor descriptor = health.healthForPath(dependency);
        return descriptor != null && Status.UP.equals(descriptor.getStatus()) ? 1 : 0;
    }
}
