package dev.voiceotp.verifier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.redis.LeanRedisTracing;
import dev.voiceotp.verifier.ObservationsSeen;
import dev.voiceotp.verifier.VerifierIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Redis commands outside traced requests keep feeding the {@code lettuce} timer the dashboards read, under its tags. */
class LeanRedisTracingTest extends VerifierIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ObservationsSeen observations;

    @Test
    void shouldTimeUntracedCommandsWithLettucesTagsAndNoObservation() {
        int observedBefore = observations.named(LeanRedisTracing.TIMER).size();

        redis.opsForValue().set("{otp}:test:lean-tracing", "1");
        redis.opsForValue().get("{otp}:test:lean-tracing");

        // the command's span ends on Lettuce's I/O thread, possibly just after the caller has its reply
        Timer get = await().atMost(Duration.ofSeconds(5)).until(() -> meters.find(LeanRedisTracing.TIMER).tags("db.operation", "GET",
                "db.system", "redis", "error", "none", "net.transport", "IP.TCP").timer(), found -> found != null);
        assertThat(get.getId().getTag("net.sock.peer.addr")).isNotBlank();
        assertThat(get.getId().getTag("net.sock.peer.port")).matches("\\d+");
        assertThat(get.count()).isPositive();
        assertThat(observations.named(LeanRedisTracing.TIMER)).as("no observation for an untraced command").hasSize(observedBefore);
    }
}
