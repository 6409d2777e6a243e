package dev.voiceotp.worker.attempt;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.metrics.CallMetrics;
import dev.voiceotp.worker.prompt.CallPromptStore;

/**
 * Watches every call placed through the Call API until Plivo reports its end. A placed call goes onto the call
 * schedule, due when it must be over whatever happened (ring timeout, time limit, and a grace period for the
 * callbacks); its hangup report takes it off again. A call still there when due lost its reports (the worker that
 * would have served them died, or the network dropped them), and whichever worker takes the entry settles it
 * ({@link OverdueCallScript}): the call is reported as ended with an unknown outcome, the verification fails if the
 * code cannot have been spoken, and nothing is left looking like a call in progress.
 */
@Component
class CallWatch {

    /** The hangup cause reported for a call whose end never reached us. */
    static final String NOT_REPORTED = "outcome not reported";

    private static final Logger log = LoggerFactory.getLogger(CallWatch.class);

    private final OverdueCallScript script;
    private final CallPromptStore prompts;
    private final VerificationEvents events;
    private final CallMetrics metrics;

    CallWatch(OverdueCallScript script, CallPromptStore prompts, VerificationEvents events, CallMetrics metrics) {
        this.script = script;
        this.prompts = prompts;
        this.events = events;
        this.metrics = metrics;
    }

    /** Whether a due entry of the call schedule is a watched call rather than an attempt to make. */
    static boolean watches(Map<String, String> verification) {
        return WorkerRedisState.STATE_PLACED.equals(verification.get(VerificationFields.CALL_STATE));
    }

    /** Settles the watched call if it is overdue; otherwise it stays watched until its new due time. */
    void check(String verificationId, Map<String, String> verification) {
        OverdueCallScript.Settled settled = script.settle(verificationId);
        if (settled.verdict() != OverdueCallScript.Verdict.FAILED && settled.verdict() != OverdueCallScript.Verdict.ENDED) {
            return;
        }
        if (!settled.callToken().isEmpty()) {
            prompts.forgetCode(settled.callToken());
        }
        VerificationRef ref = VerificationRef.of(verificationId, verification.getOrDefault(VerificationFields.APP, ""),
                verification.get(VerificationFields.COUNTRY), verification.get(VerificationFields.PHONE));
        metrics.ended(ref, "unknown", NOT_REPORTED);
        events.call(OtpEventType.CALL_FAILED, ref, "unknown", NOT_REPORTED);
        if (settled.verdict() == OverdueCallScript.Verdict.FAILED) {
            events.failed(ref, CallClaims.OUTCOME_UNKNOWN);
            log.warn("Verification {}: its call never reported an answer nor its end; failed, its code was never spoken", verificationId);
        } else {
            log.warn("Verification {}: its call was answered but never reported its end; the call is settled, the verification stays pending",
                    verificationId);
        }
    }
}
