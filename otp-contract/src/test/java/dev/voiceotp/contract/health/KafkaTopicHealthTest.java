package dev.voiceotp.contract.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

import dev.voiceotp.testsupport.TestInfrastructure;

/**
 * The {@code kafka} indicator on a real broker: a cluster that answers is not enough, the service's own topics
 * must take {@code acks=all} writes. A topic that needs more in-sync replicas than it has (what a service sees
 * when brokers holding its replicas are down) and a missing topic both make the instance unready, and the
 * details say which partition and why.
 */
class KafkaTopicHealthTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers = TestInfrastructure.endpoints().kafkaBootstrapServers();
    private final KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    private KafkaClusterProbe probe;

    @AfterEach
    void closeProbe() {
        if (probe != null) {
            probe.destroy();
        }
    }

    @Test
    void shouldBeUpWhenEveryPartitionOfTheServicesTopicsTakesWrites() throws Exception {
        String topic = createTopic(Map.of());

        Health health = healthOf(topic);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("nodes", 1).doesNotContainKey("partitions");
    }

    @Test
    void shouldBeDownWhileAPartitionHasFewerInSyncReplicasThanRequired() throws Exception {
        // one broker holds the only replica: like a three-broker topic with two of its brokers down
        String needsTwo = createTopic(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
        String healthy = createTopic(Map.of());

        Health health = healthOf(needsTwo, healthy);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("unwritablePartitions", 2);
        assertThat(health.getDetails().get("partitions")).isEqualTo(List.of(
                needsTwo + "-0: 1 in-sync replicas, 2 required", needsTwo + "-1: 1 in-sync replicas, 2 required"));
    }

    @Test
    void shouldBeDownWhenATopicOfTheServiceIsMissing() {
        String missing = "health-missing-" + UUID.randomUUID();

        Health health = healthOf(missing);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("partitions")).isEqualTo(List.of(missing + ": topic missing"));
    }

    private Health healthOf(String... topics) {
        probe = new KafkaClusterProbe(kafkaAdmin, "topic-health-test", new KafkaHealthProperties(TIMEOUT, Duration.ZERO), List.of(topics));
        return new KafkaHealthIndicator(probe).health();
    }

    private String createTopic(Map<String, String> config) throws Exception {
        String name = "health-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1).configs(config))).all().get();
            // the controller has it; the broker's metadata follows a moment later
            await().ignoreExceptions().until(() -> admin.describeTopics(List.of(name)).allTopicNames().get().containsKey(name));
        }
        return name;
    }
}
