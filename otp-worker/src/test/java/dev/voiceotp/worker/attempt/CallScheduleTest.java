package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.testsupport.TestRedis;
import dev.voiceotp.worker.WorkerRedisState;

class CallScheduleTest {

    private final StringRedisTemplate redis = TestRedis.template();
    private final CallSchedule schedule = new CallSchedule(redis, new CallScheduleAlarm(Clock.systemUTC()));
    // far in the future, so that no running worker finds these entries due
    private final Instant now = Instant.parse("2100-01-01T00:00:00Z");
    private final String due = "due-" + UUID.randomUUID();
    private final String later = "later-" + UUID.randomUUID();

    @AfterEach
    void cleanUp() {
        redis.opsForZSet().remove(WorkerRedisState.CALL_SCHEDULE, due, later);
    }

    @Test
    void shouldLeaseOnlyDueEntriesAndHideThemFromOtherWorkersUntilTheLeaseEnds() {
        schedule.scheduleNoLaterThan(due, now.minusSeconds(1));
        schedule.scheduleNoLaterThan(later, now.plusSeconds(30));

        CallSchedule.Lease lease = schedule.lease(now, Duration.ofSeconds(60), 100);

        assertThat(lease.verificationIds()).contains(due).doesNotContain(later);
        assertThat(lease.nextDue()).as("the earliest entry left: the later one, or one of another test's, never the leased one")
                .hasValueSatisfying(next -> assertThat(next).isBeforeOrEqualTo(now.plusSeconds(30)));
        assertThat(schedule.lease(now, Duration.ofSeconds(60), 100).verificationIds()).doesNotContain(due);
        assertThat(schedule.lease(now.plusSeconds(61), Duration.ofSeconds(60), 100).verificationIds()).contains(due);
    }

    @Test
    void shouldNeverPostponeAnEntryThatIsDueEarlier() {
        schedule.scheduleNoLaterThan(due, now.plusSeconds(5));
        schedule.scheduleNoLaterThan(due, now.plusSeconds(90));
        schedule.scheduleNoLaterThan(later, now.plusSeconds(90));
        schedule.scheduleNoLaterThan(later, now.plusSeconds(5));

        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, due)).isEqualTo(now.plusSeconds(5).toEpochMilli());
        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, later)).isEqualTo(now.plusSeconds(5).toEpochMilli());
    }

    @Test
    void shouldKeepAnEntryThatHandlingScheduledAgain() {
        schedule.scheduleNoLaterThan(due, now.minusSeconds(1));
        schedule.scheduleNoLaterThan(later, now.minusSeconds(1));
        CallSchedule.Lease lease = schedule.lease(now, Duration.ofSeconds(60), 100);

        redis.opsForZSet().add(WorkerRedisState.CALL_SCHEDULE, later, now.plusSeconds(5).toEpochMilli()); // as a state change's script does
        schedule.finish(due, lease);
        schedule.finish(later, lease);

        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, due)).isNull();
        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, later)).isEqualTo(now.plusSeconds(5).toEpochMilli());
    }
}
