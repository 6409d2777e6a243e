package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The reader's plan: a read waits for its poll interval unless an entry announced since the plan is due sooner.
 * Every plan here is a minute long, so a wait that ends within seconds ended because of an announcement.
 */
class CallScheduleAlarmTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECONDS = Duration.ofSeconds(10);

    private final Clock clock = Clock.systemUTC();
    private final CallScheduleAlarm alarm = new CallScheduleAlarm(clock);

    @Test
    void shouldReadAtOnceWhenStarted() {
        assertTimeoutPreemptively(SECONDS, alarm::awaitRead);
    }

    @Test
    void shouldBringTheReadForwardToAnEntryDueSooner() throws Exception {
        alarm.planNextWithin(MINUTE);
        CompletableFuture<Void> read = CompletableFuture.runAsync(this::awaitRead);
        Thread.sleep(200);
        assertThat(read).as("nothing announced yet: still waiting").isNotDone();

        alarm.dueAt(clock.instant().plusMillis(300));

        assertThat(read.get(SECONDS.toSeconds(), TimeUnit.SECONDS)).isNull();
    }

    @Test
    void shouldReadAtOnceForAnEntryAlreadyDue() {
        alarm.planNextWithin(MINUTE);
        alarm.dueAt(clock.instant().minusSeconds(5));

        assertTimeoutPreemptively(SECONDS, alarm::awaitRead);
    }

    @Test
    void shouldNeverPostponeThePlannedRead() {
        alarm.planNextWithin(Duration.ofMillis(300));
        alarm.dueAt(clock.instant().plus(MINUTE));

        assertTimeoutPreemptively(SECONDS, alarm::awaitRead);
    }

    @Test
    void shouldForgetAnnouncementsMadeBeforeTheNextPlan() throws Exception {
        // an entry announced before a read is on the schedule when the read looks: the read's own plan replaces it
        alarm.dueAt(clock.instant());
        alarm.planNextWithin(MINUTE);
        CompletableFuture<Void> read = CompletableFuture.runAsync(this::awaitRead);
        Thread.sleep(500);

        assertThat(read).isNotDone();
        alarm.now();
        assertThat(read.get(SECONDS.toSeconds(), TimeUnit.SECONDS)).isNull();
    }

    private void awaitRead() {
        try {
            alarm.awaitRead();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
