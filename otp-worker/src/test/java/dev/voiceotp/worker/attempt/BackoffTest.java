package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), 2.0, 0.5);

    @RepeatedTest(20)
    void shouldGrowExponentiallyWithJitterWithinTheCap() {
        assertThat(backoff.delay(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
        assertThat(backoff.delay(10)).isBetween(Duration.ofMillis(7500), Duration.ofSeconds(15));
    }

    @Test
    void shouldSpreadRetriesThatFailedTogether() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(2)).distinct().count();

        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void shouldWaitExactlyWithoutJitter() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 3.0, 0).delay(2)).isEqualTo(Duration.ofSeconds(9));
    }
}
