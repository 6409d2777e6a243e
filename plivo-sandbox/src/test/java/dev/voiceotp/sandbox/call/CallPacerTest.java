package dev.voiceotp.sandbox.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.voiceotp.sandbox.TestProperties;

class CallPacerTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void shouldStartABurstOneSlotApartInArrivalOrder() {
        CallPacer pacer = new CallPacer(TestProperties.pacedAt(2));

        assertThat(pacer.reserve(NOW)).isEqualTo(NOW);
        assertThat(pacer.reserve(NOW)).isEqualTo(NOW.plusMillis(500));
        assertThat(pacer.reserve(NOW.plusMillis(100))).isEqualTo(NOW.plusMillis(1000));
    }

    @Test
    void shouldStartACallAtOnceWhenTheAccountIsIdle() {
        CallPacer pacer = new CallPacer(TestProperties.pacedAt(2));
        pacer.reserve(NOW);

        assertThat(pacer.reserve(NOW.plusSeconds(5))).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void shouldHoldAtMostItsCapacityOfQueuedCalls() {
        CallPacer pacer = new CallPacer(TestProperties.pacedAt(2));
        for (int i = 0; i < 100; i++) {
            pacer.reserve(NOW);
        }

        assertThat(pacer.hasRoomFor(1, NOW)).isTrue();
        assertThat(pacer.hasRoomFor(2, NOW)).isFalse();
        pacer.reserve(NOW);
        assertThat(pacer.hasRoomFor(1, NOW)).isFalse();
        assertThat(pacer.hasRoomFor(1, NOW.plusSeconds(1))).isTrue();
    }

    @Test
    void shouldNeverQueueWhenPacingIsOff() {
        CallPacer pacer = new CallPacer(TestProperties.pacedAt(0));

        assertThat(pacer.reserve(NOW)).isEqualTo(NOW);
        assertThat(pacer.reserve(NOW)).isEqualTo(NOW);
    }
}
