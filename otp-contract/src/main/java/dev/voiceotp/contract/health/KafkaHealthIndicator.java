package dev.voiceotp.contract.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code kafka} in {@code /actuator/health}: UP while the cluster answers a describe request within the probe's
 * timeout. The readiness group includes it, so an instance that cannot reach Kafka stops receiving requests it
 * could only answer with 503.
 */
final class KafkaHealthIndicator implements HealthIndicator {

    private final KafkaClusterProbe probe;

    KafkaHealthIndicator(KafkaClusterProbe probe) {
        this.probe = probe;
    }

    @Override
    public Health health() {
        KafkaClusterProbe.ClusterState state = probe.state();
        if (!state.reachable()) {
            Throwable failure = state.failure();
            return Health.down().withDetail("error", failure == null ? "unknown" : failure.getClass().getSimpleName()).build();
        }
        return Health.up()
                .withDetail("clusterId", String.valueOf(state.clusterId()))
                .withDetail("nodes", state.nodes())
                .build();
    }
}
