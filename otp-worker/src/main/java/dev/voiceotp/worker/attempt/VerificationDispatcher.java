package dev.voiceotp.worker.attempt;

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
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.plivo.CallPacer;
import dev.voiceotp.worker.plivo.CallSlot;

/**
 * Turns one delivered request, or one due entry of the call schedule, into at most one call attempt: reserve room
 * for it ({@link CallRoom}), wait for the account's pacing slot, claim the attempt with its code
 * ({@link AttemptClaimer}), and hand a claimed attempt to {@link CallAttempts}: a request's first attempt through
 * {@link CallPlacements}, so the listener takes its next request while Plivo answers; an entry of the call schedule
 * on the thread that took it (one of its own already).
 *
 * <p>The room and the slot come first, before anything is written, within one {@code voice-otp.worker.pacing.max-wait}:
 * a request that gets neither in time is handed back untouched (its Kafka record is redelivered later, its
 * schedule entry stays due), so requests waiting for the account's calls-per-second, or for Plivo to answer again,
 * cost no Redis traffic and no CPU. A request whose code expired before its turn is dropped without a slot or a
 * Redis command; the verifier's expiry sweeper reports it.
 */
@Component
public class VerificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(VerificationDispatcher.class);

    private final CallRoom room;
    private final CallPacer pacer;
    private final AttemptClaimer claimer;
    private final CallAttempts attempts;
    private final CallPlacements placements;
    private final CallSchedule schedule;
    private final CallWatch callWatch;
    private final VerificationEvents events;
    private final StringRedisTemplate redis;
    private final Clock clock;
    private final Duration maxSlotWait;

    VerificationDispatcher(CallRoom room, CallPacer pacer, AttemptClaimer claimer, CallAttempts attempts, CallPlacements placements,
            CallSchedule schedule, CallWatch callWatch, VerificationEvents events, StringRedisTemplate redis, Clock clock,
            WorkerProperties properties) {
        this.room = room;
        this.pacer = pacer;
        this.placements = placements;
        this.callWatch = callWatch;
        this.claimer = claimer;
        this.attempts = attempts;
        this.schedule = schedule;
        this.events = events;
        this.redis = redis;
        this.clock = clock;
        this.maxSlotWait = properties.pacing().maxWait();
    }

    /**
     * A request from Kafka, already validated.
     *
     * @return false when no room or no pacing slot came in time: nothing was done, deliver the request again later
     */
    public boolean dispatch(OtpRequest request) {
        if (!clock.instant().isBefore(cappedExpiry(request))) {
            log.debug("Verification {}: its code expired before its turn; no call", request.verificationId());
            return true;
        }
        return withRoomAndSlot(slot -> proceed(request, claimer.claimFirst(request), true, slot));
    }

    /**
     * A due entry of the call schedule: a retry, a redial, a timed-out request to settle, or a claim to check.
     *
     * @return false when no room or no pacing slot came in time: nothing was done, the entry stays due
     */
    boolean redispatch(String verificationId) {
        Map<String, String> hash = redis.<String, String>opsForHash().entries(RedisKeys.verification(verificationId));
        if (CallWatch.watches(hash)) {
            // a placed call watched for its end: no new call, so no pacing slot
            callWatch.check(verificationId, hash);
            return true;
        }
        Optional<OtpRequest> stored = StoredRequests.from(verificationId, hash);
        if (stored.isEmpty()) {
            return true;
        }
        return withRoomAndSlot(slot -> proceed(stored.get(), claimer.claimAgain(stored.get(), hash), false, slot));
    }

    /**
     * Runs {@code attempt} holding room and a pacing slot, both waited for within the max wait; the room is released
     * here unless the attempt handed it over with its call.
     *
     * @param attempt true when it handed its call (and the room) over
     * @return false when no room or no slot came in time: {@code attempt} did not run
     */
    private boolean withRoomAndSlot(Attempt attempt) {
        long start = System.nanoTime();
        if (!room.reserve(maxSlotWait)) {
            return false;
        }
        boolean handedOver = false;
        try {
            Duration left = maxSlotWait.minusNanos(System.nanoTime() - start);
            Optional<CallSlot> slot = pacer.awaitSlot(left.isNegative() ? Duration.ZERO : left);
            if (slot.isEmpty()) {
                return false;
            }
            handedOver = attempt.run(slot.get());
            return true;
        } finally {
            if (!handedOver) {
                room.release();
            }
        }
    }

    /** A call attempt run once its pacing slot is held; true when it handed its call (and the room) over. */
    @FunctionalInterface
    private interface Attempt {
        boolean run(CallSlot slot);
    }

    /**
     * @param handOver place a claimed call through {@link CallPlacements} rather than on this thread
     * @return true when the call was handed over, with the room it holds
     */
    private boolean proceed(OtpRequest request, AttemptClaimer.ClaimedAttempt attempt, boolean handOver, CallSlot slot) {
        CallClaims.Claim claim = attempt.claim();
        switch (claim.result()) {
            case CLAIMED -> {
                Runnable place = () -> attempts.place(request, attempt.code(), attempt.token(), claim, slot);
                if (handOver) {
                    placements.submit(request.phoneNumber(), place);
                    return true;
                }
                place.run();
            }
            // if the claimant dies, this check finds the claim stale and fails the verification rather than call twice
            case IN_PROGRESS -> schedule.scheduleNoLaterThan(request.verificationId(), claim.dueAt());
            case STALE -> {
                log.warn("Verification {}: an earlier call attempt never reported its outcome; failed rather than risk a second call",
                        request.verificationId());
                events.failed(VerificationRef.of(request.verificationId(), request.appId(), null, request.phoneNumber()),
                        CallClaims.OUTCOME_UNKNOWN);
            }
            default -> log.debug("Verification {}: no call attempt now ({})", request.verificationId(),
                    claim.result().name().toLowerCase(Locale.ROOT));
        }
        return false;
    }

    /** A code is never accepted longer than ten minutes, whatever a producer put in the message. */
    static Instant cappedExpiry(OtpRequest request) {
        Instant latest = request.requestedAt().plus(CodeProperties.MAX_TTL);
        return request.expiresAt().isAfter(latest) ? latest : request.expiresAt();
    }
}
