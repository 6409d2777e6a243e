package dev.voiceotp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

class RedisClusterProcessTest {

    @Test
    void shouldFormAClusterOfThreePrimariesThatOwnEverySlotAndRouteByKey() {
        List<Integer> ports = RedisClusterProcess.freePorts(3);
        try (RedisClusterProcess cluster = RedisClusterProcess.start(ports)) {
            assertThat(cluster.nodes()).isEqualTo("127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1) + ",127.0.0.1:" + ports.get(2));
            RedisClusterClient client = RedisClusterClient.create(cluster.uris());
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                List<RedisClusterNode> primaries = connection.getPartitions().getPartitions();
                assertThat(primaries).hasSize(3).allSatisfy(node -> assertThat(node.getSlots()).hasSizeBetween(5461, 5462));
                assertThat(primaries.stream().mapToInt(node -> node.getSlots().size()).sum()).isEqualTo(SlotHash.SLOT_COUNT);
                RedisClusterNode first = primaries.stream().filter(node -> node.getUri().getPort() == ports.getFirst()).findFirst().orElseThrow();
                assertThat(first.hasSlot(SlotHash.getSlot("{otp}"))).as("the {otp} slot is away from the node clients start at").isFalse();

                Map<String, String> written = List.of("a", "b", "c", "d", "e", "f").stream().collect(Collectors.toMap(key -> key, key -> "value-" + key));
                written.forEach((key, value) -> connection.sync().set(key, value));
                written.forEach((key, value) -> assertThat(connection.sync().get(key)).isEqualTo(value));
                assertThat(written.keySet().stream().map(key -> connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)).getNodeId())
                        .distinct()).as("keys spread over the primaries").hasSizeGreaterThan(1);
            } finally {
                client.shutdown();
            }
        }
    }
}
