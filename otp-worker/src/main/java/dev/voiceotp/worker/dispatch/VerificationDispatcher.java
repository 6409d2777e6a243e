package dev.voiceotp.worker.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.worker.CallStateFields;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.event.VerificationEvents;
import dev.voiceotp.worker.event.VerificationRef;
import dev.voiceotp.worker.pacing.CallPacer;
import dev.voiceotp.worker.phlo.PhloRunner;
import dev.voiceotp.worker.prompt.CallPromptStore;
import dev.voiceotp.worker.prompt.CodeGenerator;
import dev.voiceotp.worker.retry.CallSchedule;

/**
 * Turns one delivered request, or one due entry of the call schedule, into at most one call attempt: wait for the
 * account's pacing slot, issue a code and its encrypted prompt copy (a PHLO run needs none: its token names
 * nothing in Redis), claim the attempt atomically, and hand a claimed attempt to {@link CallAttempts}. A redial
 * reads the same code again; every other new attempt issues a new one.
 *
 * <p>The slot comes first, before anything is written: a request that gets none within
 * {@code voice-otp.worker.pacing.max-wait} is handed back untouched (its Kafka record is redelivered later, its
 * schedule entry stays due), so requests waiting for the account's calls-per-second cost no Redis traffic and
 * no CPU. A request whose code expired before its turn is dropped without a slot or a Redis command; the verifier's
 * expiry sweeper reports it.
 */
@Component
class VerificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(VerificationDispatcher.class);
    /** The prompt copy outlives the call by this much, for Plivo's answer-URL retries. */
    private static final Duration PROMPT_MARGIN = Duration.ofSeconds(60);

    private final OtpRequestValidator validator;
    private final CodeGenerator codes;
    private final CodeHasher hasher;
    private final CallClaims claims;
    private final CallPromptStore prompts;
    private final CallAttempts attempts;
    private final CallSchedule schedule;
    private final VerificationEvents events;
    private final PhloRunner phloRuns;
    private final StringRedisTemplate redis;
    private final CallPacer pacer;
    private final Clock clock;
    private final Duration promptLifetime;
    private final Duration maxSlotWait;

    VerificationDispatcher(OtpRequestValidator validator, CodeGenerator codes, CodeHasher hasher, CallClaims claims,
            CallPromptStore prompts, CallAttempts attempts, CallSchedule schedule, VerificationEvents events,
            PhloRunner phloRuns, StringRedisTemplate redis, CallPacer pacer, Clock clock, WorkerProperties properties) {
        this.validator = validator;
        this.codes = codes;
        this.hasher = hasher;
        this.claims = claims;
        this.prompts = prompts;
        this.attempts = attempts;
        this.schedule = schedule;
        this.events = events;
        this.phloRuns = phloRuns;
        this.redis = redis;
        this.pacer = pacer;
        this.clock = clock;
        this.maxSlotWait = properties.pacing().maxWait();
        this.promptLifetime = properties.plivo().ringTimeout().plus(properties.plivo().timeLimit()).plus(PROMPT_MARGIN);
    }

    /**
     * A request from Kafka.
     *
     * @return false when no pacing slot came in time: nothing was done, deliver the request again later
     */
    boolean dispatch(OtpRequest request) {
        validator.validate(request);
        if (!clock.instant().isBefore(cappedExpiry(request))) {
            log.debug("Verification {}: its code expired before its turn; no call", request.verificationId());
            return true;
        }
        if (!pacer.awaitSlot(maxSlotWait)) {
            return false;
        }
        attempt(request, codes.next());
        return true;
    }

    /**
     * A due entry of the call schedule: a retry, a redial, a timed-out request to settle, or a claim to check.
     *
     * @return false when no pacing slot came in time: nothing was done, the entry stays due
     */
    boolean redispatch(String verificationId) {
        Map<String, String> hash = redis.<String, String>opsForHash().entries(RedisKeys.verification(verificationId));
        Optional<OtpRequest> stored = StoredRequests.from(verificationId, hash);
        if (stored.isEmpty()) {
            return true;
        }
        if (!pacer.awaitSlot(maxSlotWait)) {
            return false;
        }
        String code = codes.next();
        if (CallStateFields.STATE_REDIAL.equals(hash.get(VerificationFields.CALL_STATE)) && hash.get(CallStateFields.CALL_TOKEN) != null) {
            code = prompts.find(hash.get(CallStateFields.CALL_TOKEN)).map(CallPromptStore.Prompt::code).orElse(code);
        }
        attempt(stored.get(), code);
        return true;
    }

    private void attempt(OtpRequest request, String code) {
        // a PHLO run carries the code in its payload and never fetches a prompt: no copy of the code is kept for it
        String token = phloRuns.appliesTo(request) ? prompts.newCallToken() : prompts.store(request.verificationId(), code, promptLifetime);
        CallClaims.Claim claim = claims.claim(request, cappedExpiry(request).toEpochMilli(), hasher.hash(request.verificationId(), code), token);
        if (claim.result() != ClaimResult.CLAIMED) {
            redis.delete(RedisKeys.callPrompt(token));
        }
        if (!claim.previousToken().isEmpty()) {
            // the previous attempt is superseded: a late call of it must find nothing to read
            prompts.forgetCode(claim.previousToken());
        }
        switch (claim.result()) {
            case CLAIMED -> attempts.place(request, code, token, claim);
            // if the claimant dies, this check finds the claim stale and fails the verification rather than call twice
            case IN_PROGRESS -> schedule.scheduleNoLaterThan(request.verificationId(), claim.dueAt());
            case STALE -> {
                log.warn("Verification {}: an earlier call attempt never reported its outcome; failed rather than risk a second call",
                        request.verificationId());
                events.failed(VerificationRef.of(request.verificationId(), request.appId(), null, request.phoneNumber()), "call_outcome_unknown");
            }
            default -> log.debug("Verification {}: no call attempt now ({})", request.verificationId(),
                    claim.result().name().toLowerCase(Locale.ROOT));
        }
    }

    /** A code is never accepted longer than ten minutes, whatever a producer put in the message. */
    static Instant cappedExpiry(OtpRequest request) {
        Instant latest = request.requestedAt().plus(CodeProperties.MAX_TTL);
        return request.expiresAt().isAfter(latest) ? latest : request.expiresAt();
    }
}
