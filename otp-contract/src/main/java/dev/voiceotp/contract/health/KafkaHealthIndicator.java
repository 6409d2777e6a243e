package dev.voiceotp.contract.health;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code kafka} in {@code /actuator/health}: UP while the cluster answers within the probe's timeout and every
 * partition of the service's own topics has a leader and at least {@code min.insync.replicas} in-sync replicas.
 * The readiness group includes it, so an instance that cannot write to Kafka stops receiving requests it could
 * only answer with 503, and returns once the partitions can take writes again.
 */
final class KafkaHealthIndicator implements HealthIndicator {

    /** At most this many partitions are named in the details; the count covers all. */
    private static final int MAX_LISTED = 10;

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
        Health.Builder health = state.writable() ? Health.up() : Health.down();
        health.withDetail("clusterId", String.valueOf(state.clusterId())).withDetail("nodes", state.nodes());
        if (!state.writable()) {
            List<String> unwritable = state.unwritable();
            health.withDetail("unwritablePartitions", unwritable.size())
                    .withDetail("partitions", unwritable.subList(0, Math.min(MAX_LISTED, unwritable.size())));
        }
        return health.build();
    }
}
