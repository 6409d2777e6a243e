package dev.voiceotp.contract.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Asks the Kafka cluster to describe itself and the topics this service writes, with a short timeout, and
 * remembers the answer for a few seconds. One long-lived admin client serves every probe: creating one per probe
 * would log its whole configuration each time and open a new connection.
 *
 * <p>A cluster that answers is not enough: with the leader of a partition gone, or fewer in-sync replicas than
 * the topic's {@code min.insync.replicas}, every {@code acks=all} write to that partition fails while the
 * surviving brokers still describe the cluster. So each partition of the service's own topics must have a
 * leader and enough in-sync replicas.
 */
final class KafkaClusterProbe implements DisposableBean {

    /**
     * What the last probe found: the cluster id and broker count, or why the cluster could not be described;
     * and the partitions of the watched topics that cannot take an {@code acks=all} write, each with its reason.
     */
    record ClusterState(@Nullable String clusterId, int nodes, @Nullable Throwable failure, List<String> unwritable) {

        static ClusterState failed(Throwable failure) {
            return new ClusterState(null, 0, failure, List.of());
        }

        boolean reachable() {
            return failure == null;
        }

        boolean writable() {
            return reachable() && unwritable.isEmpty();
        }
    }

    private record Cached(ClusterState state, long expiresAtNanos) {
    }

    private final Admin admin;
    private final Set<String> topics;
    private final Duration timeout;
    private final Duration cacheFor;
    private volatile @Nullable Cached cached;

    /**
     * @param topics the topics whose partitions must take writes for the service to be ready (those it writes)
     */
    KafkaClusterProbe(KafkaAdmin kafkaAdmin, String clientId, KafkaHealthProperties properties, Collection<String> topics) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.timeout().toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.timeout().toMillis());
        this.admin = Admin.create(config);
        this.topics = new TreeSet<>(topics);
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
                current = new Cached(probe(), System.nanoTime() + cacheFor.toNanos());
                cached = current;
            }
            return current.state();
        }
    }

    /** The cluster id, asked now and not cached (null when the cluster does not answer within the timeout). */
    @Nullable String clusterId() {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            return await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMs(deadline))).clusterId(), deadline);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** One probe: every request it sends shares one deadline, so a probe never takes longer than the timeout. */
    private ClusterState probe() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMs(deadline)));
            String clusterId = await(cluster.clusterId(), deadline);
            int nodes = await(cluster.nodes(), deadline).size();
            return new ClusterState(clusterId, nodes, null, unwritablePartitions(deadline));
        } catch (ExecutionException e) {
            return ClusterState.failed(e.getCause() != null ? e.getCause() : e);
        } catch (TimeoutException e) {
            return ClusterState.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClusterState.failed(e);
        }
    }

    /** Each partition of the watched topics that has no leader or too few in-sync replicas, and each missing topic. */
    private List<String> unwritablePartitions(long deadline) throws ExecutionException, TimeoutException, InterruptedException {
        List<String> unwritable = new ArrayList<>();
        if (topics.isEmpty()) {
            return unwritable;
        }
        Map<String, Integer> minInSync = minInSyncReplicas(deadline);
        var described = admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(remainingMs(deadline))).topicNameValues();
        for (String topic : topics) {
            TopicDescription description;
            try {
                description = await(described.get(topic), deadline);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    unwritable.add(topic + ": topic missing");
                    continue;
                }
                throw e;
            }
            int required = minInSync.getOrDefault(topic, 1);
            for (TopicPartitionInfo partition : description.partitions()) {
                String name = topic + "-" + partition.partition();
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    unwritable.add(name + ": no leader");
                } else if (partition.isr().size() < required) {
                    unwritable.add(name + ": " + partition.isr().size() + " in-sync replicas, " + required + " required");
                }
            }
        }
        return unwritable;
    }

    /** Each existing watched topic's effective {@code min.insync.replicas} (its own or the broker's default). */
    private Map<String, Integer> minInSyncReplicas(long deadline) throws ExecutionException, TimeoutException, InterruptedException {
        List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<String, Integer> minInSync = new HashMap<>();
        var configs = admin.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(remainingMs(deadline))).values();
        for (ConfigResource resource : resources) {
            try {
                Config config = await(configs.get(resource), deadline);
                ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                if (entry != null && entry.value() != null) {
                    minInSync.put(resource.name(), Integer.parseInt(entry.value()));
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return minInSync;
    }

    private static <T> T await(KafkaFuture<T> future, long deadline) throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static int remainingMs(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
