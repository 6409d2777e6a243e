package dev.voiceotp.worker.callflow;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.check.ApprovalMetrics;
import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CheckTarget;
import dev.voiceotp.contract.check.CodeCheck;
import dev.voiceotp.contract.check.CodeCheckScript;
import dev.voiceotp.contract.check.MalformedCodeException;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.VerificationRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks a code typed on the keypad during the call with the shared {@link CodeCheck}, exactly as the verifier
 * checks one submitted through its API: the same shape rule, keyed hash (current and rotated-out secrets), attempt
 * counting and locking, one atomic script, and the {@code approved} or {@code locked} event of the check that
 * changed the verification; so a code typed in the call and one sent to the API can never both approve. The script
 * goes through Spring's blocking template: the webhook waits for its answer anyway. Counts every result in
 * {@code otp.calls.confirmed}, registered up front for each configured app and result, and an approval as the
 * verifier counts one ({@link ApprovalMetrics}), so conversion includes the codes confirmed in the call.
 */
@Component
public class InCallConfirmation implements CodeCheck.Observer {

    private static final String METER = "otp.calls.confirmed";

    private final CodeCheck codeCheck;
    private final MeterRegistry meters;
    private final ApprovalMetrics approvals;
    private final Map<String, Map<CheckResult, Counter>> counters;

    public InCallConfirmation(StringRedisTemplate redis, CodeProperties codes, Clock clock, MeterRegistry meters,
            ProducerAppsProperties apps, VerificationEvents events) {
        this.codeCheck = new CodeCheck(CodeCheckScript.onTemplate(redis), codes, events, this, clock);
        this.meters = meters;
        this.approvals = new ApprovalMetrics(meters, apps);
        // registered up front, so that dashboards show zeroes rather than gaps
        this.counters = apps.apps().stream().collect(Collectors.toUnmodifiableMap(
                ProducerAppsProperties.App::id, app -> countersFor(app.id())));
    }

    /** The result of one typed code; {@link CheckResult#INVALID} (not an attempt) when it has not the code's shape. */
    public CheckResult confirm(VerificationRecord verification, String typed) {
        try {
            String code = codeCheck.requireWellFormed(verification.appId(), typed);
            return codeCheck.check(CheckTarget.byId(verification.appId(), verification.id()), code).join().result();
        } catch (MalformedCodeException e) {
            return CheckResult.INVALID;
        }
    }

    /** Digits of the configured code length. */
    public int codeLength() {
        return codeCheck.codeLength();
    }

    @Override
    public void checked(String appId, CheckOutcome outcome, Instant checkedAt) {
        counter(appId, outcome.result()).increment();
        approvals.checked(appId, outcome, checkedAt);
    }

    @Override
    public void malformed(String appId) {
        counter(appId, CheckResult.INVALID).increment();
    }

    private Counter counter(String appId, CheckResult result) {
        Map<CheckResult, Counter> forApp = counters.get(appId);
        return forApp != null ? forApp.get(result) : register(appId, result);
    }

    private Map<CheckResult, Counter> countersFor(String appId) {
        Map<CheckResult, Counter> byResult = new EnumMap<>(CheckResult.class);
        for (CheckResult result : CheckResult.values()) {
            byResult.put(result, register(appId, result));
        }
        return byResult;
    }

    private Counter register(String appId, CheckResult result) {
        return Counter.builder(METER).description("Codes typed on the keypad in confirm-in-call mode, by result")
                .tag("app", appId).tag("result", result.tag()).register(meters);
    }
}
