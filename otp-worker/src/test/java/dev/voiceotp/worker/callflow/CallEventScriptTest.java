package dev.voiceotp.worker.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.event.ScriptedEvents;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.MutableClock;
import dev.voiceotp.testsupport.TestRedis;
import dev.voiceotp.worker.TestProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.attempt.CallScheduleAlarm;
import dev.voiceotp.worker.callflow.CallEventScript.FirstReport;
import dev.voiceotp.worker.callflow.CallEventScript.Recorded;
import dev.voiceotp.worker.callflow.CallEventScript.Report;
import dev.voiceotp.worker.callflow.CallEventScript.Verdict;
import tools.jackson.databind.json.JsonMapper;

/**
 * record-call-event.lua and progress-callback.lua on a real redis-server: which reports change state, what an ended
 * call leads to, and a progress callback's nonce and report in one step.
 */
class CallEventScriptTest {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SETTLE = LuaScript.load("scripts/settle-claim.lua", List.class, ScriptedEvents.LIBRARY);

    private final StringRedisTemplate redis = TestRedis.template();
    // far in the future: workers running in this JVM must not find the schedule entries these tests make due
    private final MutableClock clock = MutableClock.standingAt(Instant.parse("2100-01-01T10:00:00Z"));
    private final String id = UUID.randomUUID().toString();
    private final String key = RedisKeys.verification(id);
    /** The events the scripts wrote, as sent without an outbox (the real outbox is emptied by other tests' relays). */
    private final List<OtpEvent> events = new ArrayList<>();
    private final ScriptedEvents scriptedEvents = new ScriptedEvents(null, events::add, JsonMapper.builder().build());

    @Test
    void shouldApplyEachStageOnceAndNeverGoBack() {
        claimed("token-1");
        CallEventScript script = script(0);

        assertThat(script.record("token-1", id, new Report("ringing", 1, false, "")).changed()).isTrue();
        assertThat(script.record("token-1", id, new Report("in-progress", 2, false, "")).changed()).isTrue();
        assertThat(script.record("token-1", id, new Report("in-progress", 2, false, "")).changed()).isFalse();
        assertThat(script.record("token-1", id, new Report("ringing", 1, false, "")).changed()).isFalse();
        Recorded ended = script.record("token-1", id, new Report("completed", 3, false, ""));
        Recorded again = script.record("token-1", id, new Report("completed", 3, false, ""));

        assertThat(ended.verdict()).isEqualTo(Verdict.COMPLETED);
        assertThat(again.changed()).isFalse();
        assertThat(again.verdict()).isEqualTo(Verdict.NONE);
        assertThat(field("callStatus")).isEqualTo("completed");
        assertThat(field("status")).isEqualTo("pending");
        assertThat(ended.verification().appId()).isEqualTo("shop");
        assertThat(ended.verification().country()).isEqualTo("US");
        assertThat(events).as("one event per change, in order, the first report counting the call")
                .extracting(OtpEvent::type, OtpEvent::callStatus).containsExactly(tuple(OtpEventType.CALL_PLACED, "queued"),
                        tuple(OtpEventType.CALL_RINGING, "ringing"), tuple(OtpEventType.CALL_ANSWERED, "in-progress"),
                        tuple(OtpEventType.CALL_COMPLETED, "completed"));
        assertThat(events).allSatisfy(event -> assertThat(event.key()).isEqualTo("shop:" + id));
    }

    @Test
    void shouldCountTheCallOnceWhenItsCallbackBeatsThePlacedRecord() {
        claimed("token-1");

        Recorded first = script(0).record("token-1", id, new Report("ringing", 1, false, ""));
        String settled = settle("placed", "uuid-1", "0");

        assertThat(first.placedNow()).isTrue();
        assertThat(settled).isEqualTo("recorded");
        assertThat(field("callAttempts")).isEqualTo("1");
        assertThat(field("callStatus")).isEqualTo("ringing");
        assertThat(field("callRequestUuid")).isEqualTo("uuid-1");
    }

    @Test
    void shouldIgnoreReportsOfACallThatANewerAttemptReplaced() {
        claimed("token-2");

        Recorded late = script(0).record("token-1", id, new Report("completed", 3, false, ""));

        assertThat(late.verdict()).isEqualTo(Verdict.SUPERSEDED);
        assertThat(late.changed()).isFalse();
        assertThat(field("callStatus")).isNull();
    }

    @Test
    void shouldScheduleARedialOfABusyCallWhileRedialsRemain() {
        claimed("token-1");

        Recorded busy = script(1).record("token-1", id, new Report("busy", 3, false, "USER_BUSY"));

        assertThat(busy.verdict()).isEqualTo(Verdict.REDIAL);
        assertThat(field("callState")).isEqualTo("redial");
        assertThat(field("status")).isEqualTo("pending");
        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, id)).isEqualTo(clock.instant().plusSeconds(60).toEpochMilli());
        assertThat(events).as("the call failed, the verification did not").extracting(OtpEvent::type, OtpEvent::callStatus, OtpEvent::hangupCause)
                .containsExactly(tuple(OtpEventType.CALL_PLACED, "queued", null), tuple(OtpEventType.CALL_FAILED, "busy", "USER_BUSY"));
    }

    @Test
    void shouldFailTheVerificationWhenNoRedialIsLeft() {
        claimed("token-1");

        Recorded noAnswer = script(0).record("token-1", id, new Report("no-answer", 3, false, ""));

        assertThat(noAnswer.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(field("status")).isEqualTo("failed");
        assertThat(field("failureReason")).isEqualTo("call_no_answer");
        assertThat(events).extracting(OtpEvent::type, OtpEvent::callStatus, OtpEvent::reason).containsExactly(
                tuple(OtpEventType.CALL_PLACED, "queued", null), tuple(OtpEventType.CALL_FAILED, "no-answer", null),
                tuple(OtpEventType.FAILED, null, "call_no_answer"));
        assertThat(field("codeHash")).isNull();
        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, id)).isNull();
    }

    @Test
    void shouldNotRedialPastTheExpiry() {
        claimed("token-1");
        clock.advance(Duration.ofSeconds(550));

        assertThat(script(3).record("token-1", id, new Report("busy", 3, false, "")).verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void shouldReportAMachineAndNeverCountItAsCompleted() {
        claimed("token-1");
        CallEventScript script = script(1);

        Recorded answered = script.record("token-1", id, new Report("in-progress", 2, true, ""));
        Recorded ended = script.record("token-1", id, new Report("completed", 3, false, ""));

        assertThat(answered.status()).isEqualTo("machine");
        assertThat(ended.status()).isEqualTo("machine");
        assertThat(ended.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(field("callStatus")).isEqualTo("machine");
        assertThat(field("failureReason")).isEqualTo("call_machine");
    }

    @Test
    void shouldFailTheVerificationWhenACallEndsCompletedWithoutItsAnswerWebhookServed() {
        // Plivo could not reach any worker's answer URL: the call "completed" without reading the code
        claimed("token-1");
        script(1).record("token-1", id, new Report("ringing", 1, false, ""));

        Recorded ended = script(1).record("token-1", id, new Report("completed", 3, false, ""));

        assertThat(ended.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(ended.status()).isEqualTo("failed");
        assertThat(field("status")).isEqualTo("failed");
        assertThat(field("failureReason")).isEqualTo("call_failed");
        assertThat(field("codeHash")).isNull();
    }

    @Test
    void shouldTakeACallbackAsProofThatATimedOutRequestPlacedItsCall() {
        claimed("token-1");
        settle("ambiguous", "", "99999999999999");

        Recorded ringing = script(0).record("token-1", id, new Report("ringing", 1, false, ""));

        assertThat(ringing.placedNow()).isTrue();
        assertThat(field("callState")).isEqualTo("placed");
        assertThat(field("callAttempts")).isEqualTo("1");
        assertThat(field("callRetryAt")).as("no retry").isNull();
        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, id))
                .as("the entry stays, now watching the placed call for a lost end").isEqualTo(99999999999999d);
    }

    @Test
    void shouldLeaveAnEndedVerificationAloneWhenItsCallEnds() {
        claimed("token-1");
        redis.opsForHash().put(key, "status", "approved");

        Recorded busy = script(2).record("token-1", id, new Report("busy", 3, false, ""));

        assertThat(busy.verdict()).isEqualTo(Verdict.ENDED);
        assertThat(field("status")).isEqualTo("approved");
    }

    @Test
    void shouldDropTheCodesCopyWhenTheCallEndsAndKeepTheVerificationIdForLateCallbacks() {
        String token = claimedWithCopy();

        script(1).record(token, id, new Report("completed", 3, false, ""));

        assertThat(redis.opsForValue().get(RedisKeys.callPrompt(token))).isEqualTo(id);
        assertThat(redis.getExpire(RedisKeys.callPrompt(token))).as("its expiry kept").isBetween(590L, 600L);
    }

    @Test
    void shouldKeepTheCodesCopyForARedialUntilAWhileAfterItIsDue() {
        String token = claimedWithCopy();

        script(1).record(token, id, new Report("busy", 3, false, ""));

        assertThat(redis.opsForValue().get(RedisKeys.callPrompt(token))).isEqualTo(id + " sealed-code");
        assertThat(redis.getExpire(RedisKeys.callPrompt(token))).as("the redial's 60 s and 3 minutes").isBetween(235L, 240L);
    }

    @Test
    void shouldLeaveTheCodesCopyAloneWhileTheCallGoesOn() {
        String token = claimedWithCopy();

        script(1).record(token, id, new Report("ringing", 1, false, ""));
        script(1).record(token, id, new Report("in-progress", 2, false, ""));

        assertThat(redis.opsForValue().get(RedisKeys.callPrompt(token))).isEqualTo(id + " sealed-code");
    }

    @Test
    void shouldDropTheCodesCopyOfASupersededCallWhenItEnds() {
        String token = claimedWithCopy();
        String redialToken = "token-" + UUID.randomUUID();
        redis.opsForHash().put(key, "callToken", redialToken);

        Recorded late = script(1).record(token, id, new Report("completed", 3, false, ""));

        assertThat(late.verdict()).isEqualTo(Verdict.SUPERSEDED);
        assertThat(redis.opsForValue().get(RedisKeys.callPrompt(token))).isEqualTo(id);
    }

    @Test
    void shouldNotRecreateAnExpiredCodeCopy() {
        String token = "token-" + UUID.randomUUID();
        claimed(token);

        script(0).record(token, id, new Report("completed", 3, false, ""));

        assertThat(redis.hasKey(RedisKeys.callPrompt(token))).isFalse();
    }

    @Test
    void shouldApplyAProgressCallbacksReportWithTheFirstUseOfItsNonceOnly() {
        String token = claimedWithCopy();
        CallEventScript script = script(0);
        String nonce = nonceKey();

        FirstReport first = script.recordFirstUse(nonce, "300000", token, new Report("ringing", 1, false, ""));
        FirstReport replay = script.recordFirstUse(nonce, "300000", token, new Report("completed", 3, false, ""));

        assertThat(first.replay()).isFalse();
        assertThat(first.recorded()).hasValueSatisfying(recorded -> {
            assertThat(recorded.changed()).isTrue();
            assertThat(recorded.placedNow()).as("the first sign of the call").isTrue();
            assertThat(recorded.verification().verificationId()).as("found by the token's value").isEqualTo(id);
            assertThat(recorded.verification().appId()).isEqualTo("shop");
        });
        assertThat(replay.replay()).isTrue();
        assertThat(replay.recorded()).isEmpty();
        assertThat(field("callStatus")).as("the replay changed nothing").isEqualTo("ringing");
        assertThat(redis.getExpire(nonce)).as("remembered for the nonce TTL").isBetween(295L, 300L);
        assertThat(events).extracting(OtpEvent::type).containsExactly(OtpEventType.CALL_PLACED, OtpEventType.CALL_RINGING);
    }

    @Test
    void shouldEndACallFromAHangupsFirstUseAsFromAKnownVerification() {
        String token = claimedWithCopy();
        CallEventScript script = script(0);
        script.recordFirstUse(nonceKey(), "300000", token, new Report("in-progress", 2, false, ""));

        FirstReport ended = script.recordFirstUse(nonceKey(), "300000", token, new Report("completed", 3, false, "NORMAL_CLEARING",
                "callHangupCause", "NORMAL_CLEARING", "callDuration", ""));
        FirstReport again = script.recordFirstUse(nonceKey(), "300000", token, new Report("completed", 3, false, "NORMAL_CLEARING"));

        assertThat(ended.recorded()).hasValueSatisfying(recorded -> assertThat(recorded.verdict()).isEqualTo(Verdict.COMPLETED));
        assertThat(again.replay()).as("a new nonce").isFalse();
        assertThat(again.recorded()).hasValueSatisfying(recorded -> assertThat(recorded.changed()).as("a repeated end").isFalse());
        assertThat(field("callHangupCause")).isEqualTo("NORMAL_CLEARING");
        assertThat(field("callDuration")).as("empty values are not stored").isNull();
        assertThat(redis.opsForValue().get(RedisKeys.callPrompt(token))).as("the code's copy forgotten").isEqualTo(id);
        assertThat(events).extracting(OtpEvent::type, OtpEvent::hangupCause).containsExactly(tuple(OtpEventType.CALL_PLACED, null),
                tuple(OtpEventType.CALL_ANSWERED, null), tuple(OtpEventType.CALL_COMPLETED, "NORMAL_CLEARING"));
    }

    @Test
    void shouldRememberTheNonceOfACallbackWhoseTokenNamesNoCall() {
        String unknown = "token-" + UUID.randomUUID();
        CallEventScript script = script(0);
        String nonce = nonceKey();

        FirstReport first = script.recordFirstUse(nonce, "300000", unknown, new Report("ringing", 1, false, ""));

        assertThat(first.replay()).isFalse();
        assertThat(first.recorded()).isEmpty();
        assertThat(script.recordFirstUse(nonce, "300000", unknown, new Report("ringing", 1, false, "")).replay()).isTrue();
        assertThat(events).isEmpty();
    }

    private static String nonceKey() {
        return WorkerRedisState.CALLBACK_NONCE_PREFIX + UUID.randomUUID();
    }

    /** settle-claim.lua for the attempt of "token-1", as {@code CallClaims} runs it; its event goes to {@link #events}. */
    private String settle(String outcome, String detail, String dueMillis) {
        List<Object> arguments = new ArrayList<>(List.of(outcome, "1", "token-1", detail, dueMillis, id));
        arguments.addAll(scriptedEvents.arguments(clock.instant(), 1));
        List<?> reply = redis.execute(SETTLE, List.of(key, WorkerRedisState.CALL_SCHEDULE, scriptedEvents.outboxKey()), arguments.toArray());
        scriptedEvents.written(reply, 1);
        return String.valueOf(reply.getFirst());
    }

    private CallEventScript script(int redials) {
        return new CallEventScript(redis, scriptedEvents, new CallScheduleAlarm(clock), clock, TestProperties.worker(Map.of(
                "voice-otp.worker.redial.max-attempts", Integer.toString(redials), "voice-otp.worker.redial.delay", "60s")));
    }

    /** The hash as claim-call.lua leaves it for a claimed attempt. */
    private void claimed(String token) {
        Map<String, String> hash = new HashMap<>(Map.of("app", "shop", "phone", "+14155550123", "status", "pending",
                "createdAt", Long.toString(clock.millis()), "expiresAt", Long.toString(clock.instant().plusSeconds(600).toEpochMilli()),
                "country", "US", "callState", "claimed", "callToken", token, "codeHash", "hash"));
        redis.opsForHash().putAll(key, hash);
        redis.expire(key, Duration.ofMinutes(5));
    }

    /** A claimed attempt with its code's copy stored behind its own token, as the worker stores it for 10 minutes. */
    private String claimedWithCopy() {
        String token = "token-" + UUID.randomUUID();
        claimed(token);
        redis.opsForValue().set(RedisKeys.callPrompt(token), id + " sealed-code", Duration.ofMinutes(10));
        return token;
    }

    private Object field(String name) {
        return redis.opsForHash().get(key, name);
    }
}
