package dev.voiceotp.worker.callflow;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.worker.metrics.CallLabels;
import dev.voiceotp.worker.metrics.CallMetrics;
import dev.voiceotp.worker.spend.FurtherCallCharges;

/**
 * What Plivo reports about a call (ringing, answered, ended) becomes the verification's call state, and each
 * real change becomes an event (written by {@link CallEventScript}'s script with the change) and a metric. A report
 * that changes nothing (a duplicate, a late report of a superseded call) publishes nothing. The ring and hangup
 * callbacks' reports are applied in their nonce's round trip ({@link SignedPlivoRequests#reported}); the answer
 * webhook's, which reads the verification first, here.
 *
 * <p>At the end of a call the code's encrypted copy is dropped, except when a redial will read the same code
 * again: then it is kept until the redial is due ({@link CallEventScript} decides both in the report's round trip).
 */
@Component
class CallStatusReport {

    private static final int STAGE_RINGING = 1;
    private static final int STAGE_IN_PROGRESS = 2;
    private static final int STAGE_ENDED = 3;
    /** Plivo's hangup cause name for a machine answer; {@link CallLabels} reduces it to {@code machine_detected}. */
    private static final String MACHINE_CAUSE = "Machine Detected";

    private final CallEventScript script;
    private final CallMetrics metrics;
    private final FurtherCallCharges charges;

    CallStatusReport(CallEventScript script, CallMetrics metrics, FurtherCallCharges charges) {
        this.script = script;
        this.charges = charges;
        this.metrics = metrics;
    }

    /** Plivo's synchronous machine detection says an answering machine picked up ({@code Machine=true}). */
    static boolean answeredByMachine(Map<String, String> callback) {
        return "true".equalsIgnoreCase(callback.get("Machine"));
    }

    /** A ring callback's report. */
    static CallEventScript.Report ringing(Map<String, String> callback) {
        return new CallEventScript.Report("ringing", STAGE_RINGING, false, "", common(callback));
    }

    /** A hangup callback's report. */
    static CallEventScript.Report ended(Map<String, String> callback) {
        String status = callback.getOrDefault("CallStatus", "completed").toLowerCase(Locale.ROOT);
        String cause = callback.getOrDefault("HangupCauseName", callback.getOrDefault("HangupCause", ""));
        boolean machine = answeredByMachine(callback) || "machine_detected".equals(CallLabels.cause(cause));
        return new CallEventScript.Report(status, STAGE_ENDED, machine, cause, concat(common(callback), VerificationFields.CALL_HANGUP_CAUSE,
                cause, VerificationFields.CALL_DURATION, digitsOnly(callback.getOrDefault("Duration", ""))));
    }

    /**
     * The answer URL was fetched. {@code Machine=true} (synchronous machine detection) means no person is listening:
     * the worker hangs up without a word, so that is the call's end, see {@link #machine}.
     */
    void answered(String token, String verificationId, Map<String, String> callback) {
        if (answeredByMachine(callback)) {
            machine(token, verificationId, callback);
            return;
        }
        record(token, verificationId, new CallEventScript.Report("in-progress", STAGE_IN_PROGRESS, false, "", common(callback)));
    }

    /**
     * An answering machine picked up (the voicemail guard): the worker hangs up without a word, so this is the
     * call's final outcome, recorded as ended at once; the hangup report that follows finds the call ended and
     * changes nothing, so the outcome is published and counted once.
     */
    void machine(String token, String verificationId, Map<String, String> callback) {
        record(token, verificationId, new CallEventScript.Report("machine", STAGE_ENDED, true, MACHINE_CAUSE,
                concat(common(callback), VerificationFields.CALL_HANGUP_CAUSE, MACHINE_CAUSE)));
    }

    private void record(String token, String verificationId, CallEventScript.Report report) {
        counted(report, script.record(token, verificationId, report));
    }

    /** The metrics of a report as the script applied it: only what changed counts. */
    void counted(CallEventScript.Report report, CallEventScript.Recorded recorded) {
        if (recorded.placedNow()) {
            metrics.placed(recorded.verification(), "call");
        }
        if (recorded.furtherCall()) {
            charges.charge(recorded.verification());
        }
        if (!recorded.changed()) {
            return;
        }
        if (report.stage() == STAGE_IN_PROGRESS) {
            metrics.answered(recorded.verification(), recorded.requestedAt());
        } else if (report.stage() == STAGE_ENDED) {
            metrics.ended(recorded.verification(), recorded.status(), report.hangupCause());
            if (recorded.verdict() == CallEventScript.Verdict.REDIAL) {
                metrics.retried("busy".equals(recorded.status()) ? "redial_busy" : "redial_no_answer");
            }
        }
    }

    private static String[] common(Map<String, String> callback) {
        return new String[] {VerificationFields.CALL_UUID, callback.getOrDefault("CallUUID", ""),
                VerificationFields.CALL_REQUEST_UUID, callback.getOrDefault("RequestUUID", callback.getOrDefault("ALegRequestUUID", ""))};
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String digitsOnly(String value) {
        return value.chars().allMatch(Character::isDigit) ? value : "";
    }
}
