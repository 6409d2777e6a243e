package dev.voiceotp.contract.health;

import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Health for every service that has the actuator: the {@code kafka} indicator (only where Boot built a
 * {@link KafkaAdmin}, that is where the service talks to Kafka), the {@link KafkaClusterIdPrimer} that lets Kafka
 * observation stay on, and the {@code otp.dependency.up} gauges. Loaded
 * through {@code META-INF/spring/...AutoConfiguration.imports}, after Boot's Kafka and health configuration so
 * that the bean conditions see their beans.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(HealthIndicator.class)
public final class VoiceOtpHealthAutoConfiguration {

    /** The cluster probe and the cluster-id primer wherever Kafka is used; the indicator unless switched off. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaAdmin.class)
    @ConditionalOnBean(KafkaAdmin.class)
    @EnableConfigurationProperties(KafkaHealthProperties.class)
    static final class KafkaHealth {

        /** Watches the topics the service declares ({@link NewTopic} beans): the ones it writes and creates. */
        @Bean
        KafkaClusterProbe kafkaClusterProbe(KafkaAdmin kafkaAdmin, KafkaHealthProperties properties, Environment environment,
                ObjectProvider<NewTopic> topics) {
            Set<String> names = new TreeSet<>();
            topics.orderedStream().forEach(topic -> names.add(topic.name()));
            return new KafkaClusterProbe(kafkaAdmin, environment.getProperty("spring.application.name", "voice-otp") + "-health",
                    properties, names);
        }

        @Bean
        @ConditionalOnEnabledHealthIndicator("kafka")
        HealthIndicator kafkaHealthIndicator(KafkaClusterProbe probe) {
            return new KafkaHealthIndicator(probe);
        }

        @Bean
        KafkaClusterIdPrimer kafkaClusterIdPrimer(KafkaAdmin kafkaAdmin, KafkaClusterProbe probe) {
            return new KafkaClusterIdPrimer(kafkaAdmin, probe);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean({MeterRegistry.class, HealthEndpoint.class})
    static final class DependencyGauges {

        @Bean
        DependencyHealthMetrics dependencyHealthMetrics(MeterRegistry meters, ObjectProvider<HealthEndpoint> endpoint,
                ObjectProvider<HealthEndpointGroups> groups, ObjectProvider<HealthContributorRegistry> contributors,
                ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors) {
            return new DependencyHealthMetrics(meters, endpoint, groups, contributors, reactiveContributors);
        }
    }
}
