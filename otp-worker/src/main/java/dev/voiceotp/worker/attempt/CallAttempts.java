package dev.voiceotp.worker.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.app.AppSettings;
import dev.voiceotp.worker.metrics.CallMetrics;
import dev.voiceotp.worker.plivo.CallPlacer;
import dev.voiceotp.worker.plivo.CallRefusedException;
import dev.voiceotp.worker.plivo.CallRequest;
import dev.voiceotp.worker.plivo.CallSlot;
import dev.voiceotp.worker.plivo.PhloRunner;
import dev.voiceotp.worker.plivo.PlivoUnavailableException;
import dev.voiceotp.worker.prompt.CallPromptStore;
import dev.voiceotp.worker.spend.FurtherCallCharges;

/**
 * Makes one claimed call attempt, which already holds its room and its pacing slot: place the call through the Call
 * API, or start a PHLO run for requests delivered by PHLO, and settle the claim with what Plivo said. Both paths
 * share one failure policy, and both tell {@link CallRoom} whether Plivo answered. Nothing here waits for a retry:
 * a transient failure goes onto the call schedule with its backoff, and the Kafka partition moves on.
 *
 * <p>A request that timed out after it was sent is the one case where Plivo may have the call without us
 * knowing: its claim stays, with the code, until a callback of that call shows up (then it simply was
 * placed) or the wait ends (then it was not, and the next attempt supersedes its token, so a late call of it
 * would find nothing to read). Either way a person gets no second call that reads a code.
 */
@Component
class CallAttempts {

    private static final Logger log = LoggerFactory.getLogger(CallAttempts.class);
    static final String METHOD_CALL = "call";
    static final String METHOD_PHLO = "phlo";

    private final CallClaims claims;
    private final CallRoom room;
    private final CallPlacer placer;
    private final PhloRunner phloRuns;
    private final AppSettings apps;
    private final CallPromptStore prompts;
    private final CallMetrics metrics;
    private final FurtherCallCharges charges;
    private final Clock clock;
    private final WorkerProperties properties;
    private final Backoff backoff;
    private final Duration overdueAfter;

    CallAttempts(CallClaims claims, CallRoom room, CallPlacer placer, PhloRunner phloRuns, AppSettings apps, CallPromptStore prompts,
            CallMetrics metrics, FurtherCallCharges charges, Clock clock, WorkerProperties properties) {
        this.claims = claims;
        this.room = room;
        this.charges = charges;
        this.placer = placer;
        this.phloRuns = phloRuns;
        this.apps = apps;
        this.prompts = prompts;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
        this.backoff = Backoff.of(properties.retry());
        this.overdueAfter = OverdueCallScript.overdueAfter(properties);
    }

    /** @param code the attempt's code: read from the prompt copy on a Call API call, sent in the payload of a PHLO run */
    void place(OtpRequest request, String code, String token, CallClaims.Claim claim, CallSlot slot) {
        String id = request.verificationId();
        boolean phlo = phloRuns.appliesTo(request);
        String method = phlo ? METHOD_PHLO : METHOD_CALL;
        VerificationRef verification = VerificationRef.of(id, request.appId(), null, request.phoneNumber());
        if (WorkerRedisState.STATE_AMBIGUOUS.equals(claim.previousState())) {
            if (retryDeadlinePassed(request, clock.instant())) {
                fail(verification, token, CallClaims.OUTCOME_UNKNOWN);
                return;
            }
            metrics.retried("timeout");
        }
        try {
            String requestUuid = phlo ? phloRuns.run(request, code, slot)
                    : placer.place(new CallRequest(id, request.phoneNumber(), webhookUrl("answer", token), webhookUrl("hangup", token),
                            webhookUrl("ring", token), apps.callerId(request.appId())), slot);
            room.plivoAnswered();
            // a PHLO's call reports to the PHLO, not to us: only Call API calls are watched for lost reports
            CallClaims.Settled settled = claims.placed(id, token, requestUuid, phlo ? null : clock.instant().plus(overdueAfter));
            if (settled.placedNow()) {
                metrics.placed(verification, method);
            }
            if (settled == CallClaims.Settled.PLACED_AGAIN) {
                charges.charge(verification);
            }
            // timed even when a fast callee's callback counted the call first (RECORDED): this attempt placed it
            if (settled != CallClaims.Settled.IGNORED && !WorkerRedisState.STATE_REDIAL.equals(claim.previousState())) {
                metrics.timeToPlace(method, request.requestedAt());
            }
        } catch (CallRefusedException e) {
            room.plivoAnswered();
            prompts.forgetCode(token);
            metrics.ended(verification, "refused", "refused");
            log.warn("Verification {}: Plivo refused the {} to {} ({})", id, phlo ? "PHLO run" : "call",
                    PhoneNumbers.mask(request.phoneNumber()), e.reason());
            fail(verification, token, e.reason());
        } catch (PlivoUnavailableException e) {
            if (e.plivoFailed()) {
                room.plivoFailed();
            }
            unavailable(request, verification, token, claim, e);
        }
    }

    private void unavailable(OtpRequest request, VerificationRef verification, String token, CallClaims.Claim claim, PlivoUnavailableException e) {
        Instant now = clock.instant();
        if (e.ambiguous()) {
            claims.ambiguous(request.verificationId(), token, now.plus(properties.retry().ambiguousWait()));
            log.warn("Verification {}: {}; waiting for a callback of the call before deciding", request.verificationId(), e.getMessage());
            return;
        }
        prompts.forgetCode(token);
        Instant due = now.plus(backoff.delay(claim.retries()));
        if (retryDeadlinePassed(request, due) || !due.isBefore(VerificationDispatcher.cappedExpiry(request))) {
            log.warn("Verification {}: {}; no retry left", request.verificationId(), e.getMessage());
            fail(verification, token, "plivo_unavailable");
            return;
        }
        claims.retry(request.verificationId(), token, due);
        metrics.retried(e.reason().label());
        log.info("Verification {}: {}; retry {} at {}", request.verificationId(), e.getMessage(), claim.retries() + 1, due);
    }

    /** The settling script fails the verification and writes its event, unless it was no longer pending. */
    private void fail(VerificationRef verification, String token, String reason) {
        claims.refused(verification.verificationId(), token, reason);
    }

    private boolean retryDeadlinePassed(OtpRequest request, Instant at) {
        return at.isAfter(request.requestedAt().plus(properties.retry().maxElapsed()));
    }

    private String webhookUrl(String kind, String token) {
        String base = properties.publicBaseUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/plivo/" + kind + "/" + token;
    }
}
