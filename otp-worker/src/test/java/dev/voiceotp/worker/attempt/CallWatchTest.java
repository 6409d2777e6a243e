package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.event.ScriptedEvents;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.MutableClock;
import dev.voiceotp.testsupport.TestRedis;
import dev.voiceotp.worker.TestProperties;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.attempt.OverdueCallScript.Verdict;
import dev.voiceotp.worker.prompt.CallPromptStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * A placed call whose reports never arrive (the worker that would have served its webhooks died) is watched on the
 * call schedule and settled once it must be over, on a real redis-server with the real scripts: it fails the
 * verification when the code cannot have been spoken, settles only the call when it may have been heard, and a
 * call whose end is reported leaves nothing behind to settle.
 */
class CallWatchTest {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REPORT = LuaScript.load("scripts/record-call-event.lua", List.class, ScriptedEvents.LIBRARY,
            "scripts/call-report.lua");
    private static final int STAGE_IN_PROGRESS = 2;
    private static final int STAGE_ENDED = 3;

    private final StringRedisTemplate redis = TestRedis.template();
    // far in the future: workers running in this JVM must not find the schedule entries these tests make due
    private final MutableClock clock = MutableClock.standingAt(Instant.parse("2100-01-01T10:00:00Z"));
    private final WorkerProperties properties = TestProperties.worker(Map.of("voice-otp.worker.plivo.ring-timeout", "30s",
            "voice-otp.worker.plivo.time-limit", "120s", "voice-otp.worker.retry.call-outcome-grace", "60s"));
    // without an outbox, events sent nowhere: this test is about the call schedule
    private final ScriptedEvents scriptedEvents = new ScriptedEvents(null, event -> { }, JsonMapper.builder().build());
    private final CallClaims claims = new CallClaims(redis, scriptedEvents, new CallScheduleAlarm(clock), clock, properties, TestProperties.code());
    private final OverdueCallScript overdue = new OverdueCallScript(redis, new CallScheduleAlarm(clock), clock, properties);
    private final OtpRequest request = OtpRequest.of(UUID.randomUUID().toString(), "shop", "+14155550123", null,
            clock.instant(), clock.instant().plusSeconds(600));
    private final String key = RedisKeys.verification(request.verificationId());
    private final Duration overdueAfter = Duration.ofSeconds(30 + 120 + 60);

    @Test
    void shouldWatchAPlacedCallUntilItMustBeOver() {
        placeCall();

        assertThat(scheduledAt()).isEqualTo(clock.instant().plus(overdueAfter).toEpochMilli());
        clock.advance(overdueAfter.minusSeconds(1));
        assertThat(overdue.settle(request.verificationId()).verdict()).isEqualTo(Verdict.WATCHING);
        assertThat(field("status")).isEqualTo("pending");
    }

    @Test
    void shouldFailTheVerificationWhenTheCallNeverReportedAnAnswer() {
        placeCall();
        clock.advance(overdueAfter);

        OverdueCallScript.Settled settled = overdue.settle(request.verificationId());

        assertThat(settled).isEqualTo(new OverdueCallScript.Settled(Verdict.FAILED, "token-1"));
        assertThat(field("status")).isEqualTo("failed");
        assertThat(field("failureReason")).isEqualTo("call_outcome_unknown");
        assertThat(field("callStatus")).isEqualTo("unknown");
        assertThat(field("codeHash")).as("no code can be approved after the call's fate is unknown").isNull();
        assertThat(overdue.settle(request.verificationId()).verdict()).as("settled once").isEqualTo(Verdict.NONE);
    }

    @Test
    void shouldKeepTheVerificationPendingWhenTheCodeMayHaveBeenHeard() {
        placeCall();
        clock.advance(Duration.ofSeconds(10));
        report("in-progress", STAGE_IN_PROGRESS);

        clock.advance(overdueAfter.minusSeconds(5));
        assertThat(overdue.settle(request.verificationId()).verdict()).as("the answer restarted the watch").isEqualTo(Verdict.WATCHING);
        assertThat(scheduledAt()).isEqualTo(clock.instant().plusSeconds(5).toEpochMilli());
        clock.advance(Duration.ofSeconds(5));
        OverdueCallScript.Settled settled = overdue.settle(request.verificationId());

        assertThat(settled.verdict()).isEqualTo(Verdict.ENDED);
        assertThat(field("status")).as("the person may still type the code heard").isEqualTo("pending");
        assertThat(field("codeHash")).isEqualTo("hash-1");
        assertThat(field("callStatus")).isEqualTo("unknown");
        assertThat(field("callStage")).isEqualTo("3");
    }

    @Test
    void shouldStopWatchingACallWhoseEndIsReported() {
        placeCall();
        report("in-progress", STAGE_IN_PROGRESS);
        report("completed", STAGE_ENDED);

        assertThat(scheduledAt()).isNull();
        clock.advance(overdueAfter.multipliedBy(2));
        assertThat(overdue.settle(request.verificationId()).verdict()).isEqualTo(Verdict.NONE);
        assertThat(field("callStatus")).isEqualTo("completed");
    }

    @Test
    void shouldNotWatchAPhloRunWhoseCallReportsToThePhlo() {
        claims.claim(request, request.expiresAt().toEpochMilli(), "hash-1", CallPromptStore.SealedCopy.tokenOnly("token-1"), Duration.ZERO);

        claims.placed(request.verificationId(), "token-1", "run-1", null);

        assertThat(scheduledAt()).isNull();
    }

    private void placeCall() {
        claims.claim(request, request.expiresAt().toEpochMilli(), "hash-1", CallPromptStore.SealedCopy.tokenOnly("token-1"), Duration.ZERO);
        claims.placed(request.verificationId(), "token-1", "uuid-1", clock.instant().plus(OverdueCallScript.overdueAfter(properties)));
    }

    /** A status report of the call, as record-call-event.lua gets it from a webhook. */
    private void report(String status, int stage) {
        List<Object> arguments = new ArrayList<>(List.of("token-1", status, Integer.toString(stage), Long.toString(clock.millis()), "0", "1",
                "0", request.verificationId(), "60000", ""));
        arguments.addAll(scriptedEvents.arguments(clock.instant(), 3));
        redis.execute(REPORT, List.of(key, WorkerRedisState.CALL_SCHEDULE, RedisKeys.callPrompt("token-1"), scriptedEvents.outboxKey()),
                arguments.toArray());
    }

    private Long scheduledAt() {
        Double score = redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, request.verificationId());
        return score == null ? null : score.longValue();
    }

    private Object field(String name) {
        return redis.opsForHash().get(key, name);
    }
}
