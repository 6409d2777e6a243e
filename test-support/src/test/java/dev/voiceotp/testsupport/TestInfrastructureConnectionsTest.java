package dev.voiceotp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestInfrastructureConnectionsTest {

    private final TestInfrastructureConnections connections = new TestInfrastructureConnections();

    @Test
    void shouldNameTheSharedServers() {
        TestInfrastructure.Endpoints servers = TestInfrastructure.endpoints();

        assertThat(connections.testInfrastructureKafka().getBootstrapServers()).containsExactly(servers.kafkaBootstrapServers());
        assertThat(connections.testInfrastructureKafka().getProducer().getBootstrapServers())
                .containsExactly(servers.kafkaBootstrapServers());
        assertThat(connections.testInfrastructureRedis().getStandalone().getHost()).isEqualTo(servers.redisHost());
        assertThat(connections.testInfrastructureRedis().getStandalone().getPort()).isEqualTo(servers.redisPort());
        assertThat(connections.testInfrastructureRedis().getSentinel()).isNull();
    }
}
