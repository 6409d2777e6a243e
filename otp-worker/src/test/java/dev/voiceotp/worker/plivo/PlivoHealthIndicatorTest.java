package dev.voiceotp.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import dev.voiceotp.testsupport.MutableClock;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.worker.TestProperties;

class PlivoHealthIndicatorTest {

    private final MutableClock clock = MutableClock.standingAt(Instant.parse("2026-11-20T10:00:00Z"));

    @Test
    void shouldBeUpWhileThePlivoApiAcceptsConnections() throws IOException {
        try (ServerSocket plivo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(indicator(plivo.getLocalPort()).health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void shouldBeDownWhenThePlivoApiCannotBeReached() {
        assertThat(indicator(RedisServerProcess.freePort()).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void shouldReuseAProbeForTheProbeInterval() throws IOException {
        PlivoHealthIndicator indicator;
        try (ServerSocket plivo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            indicator = indicator(plivo.getLocalPort());
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        }

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(10));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }

    private PlivoHealthIndicator indicator(int port) {
        return new PlivoHealthIndicator(TestProperties.worker(Map.of("voice-otp.worker.plivo.api-base-url", "http://127.0.0.1:" + port,
                "voice-otp.worker.health.plivo-probe-interval", "10s", "voice-otp.worker.health.plivo-probe-timeout", "500ms")), clock);
    }
}
