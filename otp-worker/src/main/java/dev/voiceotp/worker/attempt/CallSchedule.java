package dev.voiceotp.worker.attempt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.connection.RedisZSetCommands;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.worker.WorkerRedisState;

/**
 * Call attempts due later, as a Redis sorted set of verification ids scored by due time, shared by every
 * worker instance.
 *
 * <p>Why Redis and not spring-kafka's retry topics: three different things wait here, a transient Plivo
 * failure (backoff with jitter per record), a timed-out request whose call may still show up (wait for its
 * callback, then decide) and a redial (minutes later, only while the verification is pending). Retry topics
 * cover only the first, with one fixed delay per topic, and would need a topic per delay step; the sorted
 * set gives every attempt its own due time, any instance can take it, it survives restarts, and the Kafka
 * partition never waits. The Lua scripts that change a call's state add and remove entries atomically with
 * that change, so an entry is never lost between the two.
 */
@Component
public class CallSchedule {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> LEASE = LuaScript.load("scripts/lease-due-calls.lua", List.class);
    private static final RedisScript<Long> FINISH = LuaScript.load("scripts/finish-due-call.lua", Long.class);

    private final StringRedisTemplate redis;
    private final CallScheduleAlarm alarm;

    public CallSchedule(StringRedisTemplate redis, CallScheduleAlarm alarm) {
        this.redis = redis;
        this.alarm = alarm;
    }

    /**
     * Makes a verification's call due at {@code dueAt} at the latest: an entry due earlier stays as it is, so a
     * check never postpones a retry or redial that a state change scheduled.
     */
    public void scheduleNoLaterThan(String verificationId, Instant dueAt) {
        redis.execute(connection -> connection.zSetCommands().zAdd(WorkerRedisState.CALL_SCHEDULE.getBytes(StandardCharsets.UTF_8), dueAt.toEpochMilli(),
                verificationId.getBytes(StandardCharsets.UTF_8), RedisZSetCommands.ZAddArgs.empty().lt()), true);
        alarm.dueAt(dueAt);
    }

    /** Takes up to {@code limit} due entries, leased to this caller until {@code leaseEnd}. */
    public Lease lease(Instant now, Duration lease, int limit) {
        long leaseEnd = now.plus(lease).toEpochMilli();
        List<?> reply = redis.execute(LEASE, List.of(WorkerRedisState.CALL_SCHEDULE), Long.toString(now.toEpochMilli()), Long.toString(leaseEnd),
                Integer.toString(limit));
        if (reply == null || reply.isEmpty()) {
            return new Lease(List.of(), leaseEnd, Optional.empty());
        }
        String earliest = String.valueOf(reply.getFirst());
        Optional<Instant> nextDue = earliest.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(earliest)));
        return new Lease(reply.subList(1, reply.size()).stream().map(String::valueOf).toList(), leaseEnd, nextDue);
    }

    /** Drops a handled entry, unless handling it made it due again. */
    public void finish(String verificationId, Lease lease) {
        redis.execute(FINISH, List.of(WorkerRedisState.CALL_SCHEDULE), verificationId, Long.toString(lease.endMillis()));
    }

    /**
     * Due verification ids taken together, the end of their lease, and when the earliest entry left on the schedule
     * is due (the entries just taken included, at their lease's end); empty when the schedule is empty.
     */
    public record Lease(List<String> verificationIds, long endMillis, Optional<Instant> nextDue) {
    }
}
