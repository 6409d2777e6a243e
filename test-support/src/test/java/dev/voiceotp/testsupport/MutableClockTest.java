package dev.voiceotp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2100-01-01T10:00:00Z");

    @Test
    void shouldStandWhereItIsPutUntilAdvanced() {
        MutableClock clock = MutableClock.standingAt(START);

        assertThat(clock.instant()).isEqualTo(START);
        clock.advance(Duration.ofMinutes(10));
        clock.advance(Duration.ofSeconds(1));

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(601));
        assertThat(clock.millis()).isEqualTo(START.plusSeconds(601).toEpochMilli());
    }

    @Test
    void shouldRunWithRealTimeAheadByWhatWasAdded() {
        MutableClock clock = MutableClock.running();
        clock.advance(Duration.ofHours(1));

        Instant before = Instant.now().plus(Duration.ofHours(1));
        Instant read = clock.instant();

        assertThat(read).isAfterOrEqualTo(before).isBefore(before.plusSeconds(60));
    }

    @Test
    void shouldNeverGoBack() {
        MutableClock clock = MutableClock.standingAt(START);

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void shouldStayInUtc() {
        MutableClock clock = MutableClock.standingNow();

        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Paris"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
