package dev.voiceotp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The broker's data outlives nothing but the broker: close() stops it and then removes the folders it wrote, so
 * no shutdown hook has to delete them while the broker may still be running. Offset commits are not held back.
 */
class KafkaBrokerTest {

    @Test
    void shouldWriteOffsetCommitsWithoutLingering() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(1, "broker-test");
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            int node = nodeId(admin);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node));

            String linger = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
                    .get("group.coordinator.append.linger.ms").value();

            // Kafka's default is 5 ms, which each of the worker's commits (one per poll) would wait
            assertThat(linger).isEqualTo("0");
        }
    }

    @Test
    void shouldRemoveItsDataOnlyWhenClosed() throws Exception {
        KafkaBroker broker = KafkaBroker.start(1, "broker-test");
        List<Path> logDirs;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            int node = nodeId(admin);
            logDirs = admin.describeLogDirs(List.of(node)).allDescriptions().get(10, TimeUnit.SECONDS).get(node).keySet().stream()
                    .map(Path::of).toList();
        }
        assertThat(logDirs).isNotEmpty().allSatisfy(dir -> assertThat(dir).isDirectory());

        broker.close();

        assertThat(logDirs).allSatisfy(dir -> assertThat(Files.exists(dir)).as("%s after close", dir).isFalse());
    }

    private static int nodeId(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).iterator().next().id();
    }
}
