package dev.voiceotp.contract.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The shared Kafka health check and cluster-id primer against a broker address where nothing listens: the
 * check must answer DOWN within its timeout (a readiness probe must not hang), reuse its answer, and leave
 * the admin with a cluster id so that an observed send never looks it up on a request thread.
 */
class KafkaHealthTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final AtomicInteger adminClientsCreated = new AtomicInteger();
    private final KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort())) {
        @Override
        protected Admin createAdmin() {
            adminClientsCreated.incrementAndGet();
            return super.createAdmin();
        }
    };
    private final KafkaClusterProbe probe = new KafkaClusterProbe(kafkaAdmin, "health-test", new KafkaHealthProperties(TIMEOUT, Duration.ofMinutes(1)),
            List.of("otp.requests.v1"));

    @AfterEach
    void closeProbe() {
        probe.destroy();
    }

    @Test
    void shouldReportDownWithinTheTimeoutWhenNoBrokerAnswers() {
        long start = System.nanoTime();

        Health health = new KafkaHealthIndicator(probe).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("error");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(2));
    }

    @Test
    void shouldReuseItsAnswerWhileItIsFresh() {
        KafkaClusterProbe.ClusterState first = probe.state();

        assertThat(probe.state()).isSameAs(first);
        assertThat(first.reachable()).isFalse();
    }

    @Test
    void shouldGiveTheAdminAClusterIdSoObservedSendsNeverAskForIt() {
        new KafkaClusterIdPrimer(kafkaAdmin, probe).afterSingletonsInstantiated();

        String clusterId = kafkaAdmin.clusterId();

        assertThat(clusterId).isEqualTo(KafkaClusterIdPrimer.UNKNOWN);
        assertThat(adminClientsCreated).as("admin clients created to look the cluster id up").hasValue(0);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
