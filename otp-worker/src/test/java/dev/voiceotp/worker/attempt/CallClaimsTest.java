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

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.event.ScriptedEvents;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.MutableClock;
import dev.voiceotp.testsupport.TestRedis;
import dev.voiceotp.worker.TestProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.prompt.CallPromptStore;
import tools.jackson.databind.json.JsonMapper;

/** The claim and settle scripts on a real redis-server: who may place a call, and what each outcome leaves behind. */
class CallClaimsTest {

    private final StringRedisTemplate redis = TestRedis.template();
    // far in the future: workers running in this JVM must not find the schedule entries these tests make due
    private final MutableClock clock = MutableClock.standingAt(Instant.parse("2100-01-01T10:00:00Z"));
    /** The events the settling wrote, as sent without an outbox (the real outbox is emptied by other tests' relays). */
    private final List<OtpEvent> events = new ArrayList<>();
    private final CallClaims claims = new CallClaims(redis, new ScriptedEvents(null, events::add, JsonMapper.builder().build()),
            new CallScheduleAlarm(clock), clock,
            TestProperties.worker(Map.of("voice-otp.worker.retry.claim-stale-after", "90s")), TestProperties.code());
    private final OtpRequest request = OtpRequest.of(UUID.randomUUID().toString(), "shop", "+14155550123", null,
            clock.instant(), clock.instant().plusSeconds(600));
    private final String key = RedisKeys.verification(request.verificationId());

    @Test
    void shouldLetOnlyOneDeliveryClaimTheCall() {
        CallClaims.Claim first = claim("hash-1", "token-1");
        CallClaims.Claim second = claim("hash-2", "token-2");

        assertThat(first.result()).isEqualTo(ClaimResult.CLAIMED);
        assertThat(second.result()).isEqualTo(ClaimResult.IN_PROGRESS);
        assertThat(second.dueAt()).isEqualTo(clock.instant().plusSeconds(90));
        assertThat(field("codeHash")).isEqualTo("hash-1");
        assertThat(field("callToken")).isEqualTo("token-1");
        assertThat(field("country")).isEqualTo("US");
    }

    @Test
    void shouldStoreTheAttemptsPromptCopyOnlyWhenItClaims() {
        String claimedToken = "token-" + UUID.randomUUID();
        String refusedToken = "token-" + UUID.randomUUID();
        long expiry = request.expiresAt().toEpochMilli();

        CallClaims.Claim first = claims.claim(request, expiry, "hash-1", new CallPromptStore.SealedCopy(claimedToken, "id sealed-1"),
                Duration.ofMinutes(3));
        CallClaims.Claim second = claims.claim(request, expiry, "hash-2", new CallPromptStore.SealedCopy(refusedToken, "id sealed-2"),
                Duration.ofMinutes(3));

        assertThat(first.result()).isEqualTo(ClaimResult.CLAIMED);
        assertThat(redis.opsForValue().get(RedisKeys.callPrompt(claimedToken))).isEqualTo("id sealed-1");
        assertThat(redis.getExpire(RedisKeys.callPrompt(claimedToken))).as("seconds").isBetween(170L, 180L);
        assertThat(second.result()).isEqualTo(ClaimResult.IN_PROGRESS);
        assertThat(redis.hasKey(RedisKeys.callPrompt(refusedToken))).as("no copy for an attempt that will not call").isFalse();
    }

    @Test
    void shouldCountAPlacedCallOnceAndIgnoreOtherAttemptsSettling() {
        claim("hash-1", "token-1");

        assertThat(claims.placed(request.verificationId(), "token-other", "uuid-x", null)).isEqualTo(CallClaims.Settled.IGNORED);
        assertThat(claims.placed(request.verificationId(), "token-1", "uuid-1", null)).isEqualTo(CallClaims.Settled.PLACED);
        assertThat(claims.placed(request.verificationId(), "token-1", "uuid-1", null)).isEqualTo(CallClaims.Settled.RECORDED);
        assertThat(field("callAttempts")).isEqualTo("1");
        assertThat(field("callState")).isEqualTo("placed");
        assertThat(field("callStatus")).isEqualTo("queued");
        assertThat(claim("hash-2", "token-2").result()).isEqualTo(ClaimResult.ALREADY_PLACED);
        assertThat(events).as("one call_placed event, written with the placement").singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(OtpEventType.CALL_PLACED);
            assertThat(event.key()).isEqualTo("shop:" + request.verificationId());
            assertThat(event.country()).isEqualTo("US");
            assertThat(event.callStatus()).isEqualTo("queued");
            assertThat(event.occurredAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void shouldFailTheVerificationAtOnceWhenPlivoRefusesTheCall() {
        claim("hash-1", "token-1");

        assertThat(claims.refused(request.verificationId(), "token-1", "destination_not_permitted")).isEqualTo(CallClaims.Settled.FAILED);

        assertThat(field("status")).isEqualTo("failed");
        assertThat(field("failureReason")).isEqualTo("destination_not_permitted");
        assertThat(field("codeHash")).isNull();
        assertThat(claim("hash-2", "token-2").result()).isEqualTo(ClaimResult.NOT_PENDING);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(OtpEventType.FAILED);
            assertThat(event.reason()).isEqualTo("destination_not_permitted");
        });
    }

    @Test
    void shouldScheduleARetryWithANewCodeOnlyWhenItIsDue() {
        claim("hash-1", "token-1");
        claims.retry(request.verificationId(), "token-1", clock.instant().plusSeconds(2));

        assertThat(field("codeHash")).isNull();
        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, request.verificationId())).isEqualTo(clock.instant().plusSeconds(2).toEpochMilli());
        assertThat(claim("hash-2", "token-2").result()).isEqualTo(ClaimResult.SCHEDULED);

        clock.advance(Duration.ofSeconds(2));
        CallClaims.Claim retry = claim("hash-3", "token-3");
        assertThat(retry.result()).isEqualTo(ClaimResult.CLAIMED);
        assertThat(retry.previousState()).isEqualTo("retry");
        assertThat(retry.retries()).isEqualTo(1);
        assertThat(field("codeHash")).isEqualTo("hash-3");
    }

    @Test
    void shouldKeepTheCodeOfATimedOutRequestUntilItsCallCouldHaveShownUp() {
        claim("hash-1", "token-1");
        claims.ambiguous(request.verificationId(), "token-1", clock.instant().plusSeconds(60));

        assertThat(field("callState")).isEqualTo("ambiguous");
        assertThat(field("codeHash")).isEqualTo("hash-1");
        assertThat(claim("hash-2", "token-2").result()).isEqualTo(ClaimResult.SCHEDULED);

        clock.advance(Duration.ofSeconds(60));
        CallClaims.Claim next = claim("hash-3", "token-3");
        assertThat(next.result()).isEqualTo(ClaimResult.CLAIMED);
        assertThat(next.previousState()).isEqualTo("ambiguous");
        assertThat(next.previousToken()).isEqualTo("token-1");
        assertThat(field("callToken")).isEqualTo("token-3");
    }

    @Test
    void shouldFailRatherThanCallAgainWhenAClaimantDiedMidPlacement() {
        claim("hash-1", "token-1");
        clock.advance(Duration.ofSeconds(91));

        CallClaims.Claim stale = claim("hash-2", "token-2");

        assertThat(stale.result()).isEqualTo(ClaimResult.STALE);
        assertThat(stale.previousToken()).isEqualTo("token-1");
        assertThat(field("status")).isEqualTo("failed");
        assertThat(field("failureReason")).isEqualTo("call_outcome_unknown");
    }

    @Test
    void shouldKeepAClaimOnTheCallScheduleUntilItsOutcomeIsRecorded() {
        claim("hash-1", "token-1");
        assertThat(scheduledAt()).as("due when the claim is stale, should its claimant die").isEqualTo(clock.instant().plusSeconds(90));

        Instant watchUntil = clock.instant().plusSeconds(300);
        claims.placed(request.verificationId(), "token-1", "uuid-1", watchUntil);

        assertThat(scheduledAt()).as("the claim's entry became the placed call's watch").isEqualTo(watchUntil);
    }

    @Test
    void shouldTakeAClaimOffTheCallScheduleWhenItsCallIsNotWatched() {
        claim("hash-1", "token-1");

        claims.placed(request.verificationId(), "token-1", "uuid-1", null);

        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, request.verificationId())).as("a PHLO run reports to the PHLO").isNull();
    }

    @Test
    void shouldNotTouchAnotherAppsVerification() {
        claim("hash-1", "token-1");
        OtpRequest foreign = OtpRequest.of(request.verificationId(), "other-app", request.phoneNumber(), null,
                request.requestedAt(), request.expiresAt());

        assertThat(claims.claim(foreign, request.expiresAt().toEpochMilli(), "hash-x", CallPromptStore.SealedCopy.tokenOnly("token-x"), Duration.ZERO).result()).isEqualTo(ClaimResult.FOREIGN);
        assertThat(field("callToken")).isEqualTo("token-1");
    }

    @Test
    void shouldNeverDialAnotherNumberForAnExistingVerification() {
        OtpRequest sameVerificationOtherPhone = OtpRequest.of(request.verificationId(), request.appId(), "+14155559876", null,
                request.requestedAt(), request.expiresAt());
        claims.claim(request, request.expiresAt().toEpochMilli(), "hash-1", CallPromptStore.SealedCopy.tokenOnly("token-1"), Duration.ZERO);
        claims.retry(request.verificationId(), "token-1", request.requestedAt());

        assertThat(claims.claim(sameVerificationOtherPhone, request.expiresAt().toEpochMilli(), "hash-x", CallPromptStore.SealedCopy.tokenOnly("token-x"), Duration.ZERO).result())
                .isEqualTo(ClaimResult.FOREIGN);
        assertThat(field("callToken")).isEqualTo("token-1");
        assertThat(field("phone")).isEqualTo(request.phoneNumber());
    }

    private CallClaims.Claim claim(String codeHash, String token) {
        return claims.claim(request, request.expiresAt().toEpochMilli(), codeHash, CallPromptStore.SealedCopy.tokenOnly(token), Duration.ZERO);
    }

    private Instant scheduledAt() {
        Double score = redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, request.verificationId());
        assertThat(score).as("on the call schedule").isNotNull();
        return Instant.ofEpochMilli(score.longValue());
    }

    private Object field(String name) {
        return redis.opsForHash().get(key, name);
    }
}
