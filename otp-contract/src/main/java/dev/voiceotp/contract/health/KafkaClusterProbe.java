package dev.voiceotp.contract.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Asks the Kafka cluster to describe itself, with a short timeout, and remembers the answer for a few seconds.
 * One long-lived admin client serves every probe: creating one per probe would log its whole configuration
 * each time and open a new connection.
 */
final class KafkaClusterProbe implements DisposableBean {

    /** What the last probe found: the cluster id and broker count, or why the cluster could not be described. */
    record ClusterState(@Nullable String clusterId, int nodes, @Nullable Throwable failure) {

        boolean reachable() {
            return failure == null;
        }
    }

    private record Cached(ClusterState state, long expiresAtNanos) {
    }

    private final Admin admin;
    private final Duration timeout;
    private final Duration cacheFor;
    private volatile @Nullable Cached cached;

    KafkaClusterProbe(KafkaAdmin kafkaAdmin, String clientId, KafkaHealthProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.timeout().toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.timeout().toMillis());
        this.admin = Admin.create(config);
        this.timeout = properties.timeout();
        this.cacheFor = properties.cacheFor();
    }

    /** The cluster's state, from the cache while it is fresh; at most one probe is in flight. */
    ClusterState state() {
        Cached current = cached;
        if (current != null && System.nanoTime() < current.expiresAtNanos()) {
            return current.state();
        }
        synchronized (this) {
            current = cached;
            if (current == null || System.nanoTime() >= current.expiresAtNanos()) {
                current = new Cached(describe(), System.nanoTime() + cacheFor.toNanos());
                cached = current;
            }
            return current.state();
        }
    }

    private ClusterState describe() {
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return new ClusterState(clusterId, nodes, null);
        } catch (ExecutionException e) {
            return new ClusterState(null, 0, e.getCause() != null ? e.getCause() : e);
        } catch (TimeoutException e) {
            return new ClusterState(null, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ClusterState(null, 0, e);
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
