package dev.voiceotp.worker.callflow;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CodeCheckScript;
import dev.voiceotp.contract.event.LockReason;
import dev.voiceotp.contract.verification.CodeHashers;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.worker.event.VerificationEvents;
import dev.voiceotp.worker.event.VerificationRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks a code typed on the keypad during the call with the shared {@link CodeCheckScript}, exactly as the
 * verifier checks one submitted through its API: the same keyed hash, the same attempt counting and locking,
 * one atomic script, so a code typed in the call and one sent to the API can never both approve. The one check
 * that approved or locked the verification (the script's transition) publishes {@code approved} or {@code locked},
 * as the verifier would. Counts every result in {@code otp.calls.confirmed}, registered up front for each
 * configured app and result; the typed digits go into the hash and nowhere else.
 */
@Component
public class InCallConfirmation {

    private static final String METER = "otp.calls.confirmed";

    private final CodeCheckScript script;
    private final CodeHashers hashers;
    private final CodeProperties codes;
    private final Clock clock;
    private final MeterRegistry meters;
    private final VerificationEvents events;
    private final Map<String, Map<CheckResult, Counter>> counters;

    public InCallConfirmation(CodeCheckScript script, CodeProperties codes, Clock clock,
            MeterRegistry meters, ProducerAppsProperties apps, VerificationEvents events) {
        this.script = script;
        // the current secret and those being rotated out, exactly as the verifier's API accepts them
        this.hashers = codes.checkHashers();
        this.codes = codes;
        this.clock = clock;
        this.meters = meters;
        this.events = events;
        // registered up front, so that dashboards show zeroes rather than gaps
        this.counters = apps.apps().stream().collect(Collectors.toUnmodifiableMap(
                ProducerAppsProperties.App::id, app -> countersFor(app.id())));
    }

    /** The result of one typed code; {@link CheckResult#INVALID} (not an attempt) when it has not the code's shape. */
    public CheckResult confirm(VerificationRecord verification, String typed) {
        if (!hasCodeShape(typed)) {
            counter(verification.appId(), CheckResult.INVALID).increment();
            return CheckResult.INVALID;
        }
        Instant now = clock.instant();
        CheckOutcome outcome = script.run(verification.appId(), verification.id(), hashers.candidates(verification.id(), typed),
                now.toEpochMilli(), codes.maxAttempts());
        counter(verification.appId(), outcome.result()).increment();
        report(verification, outcome, now);
        return outcome.result();
    }

    private void report(VerificationRecord verification, CheckOutcome outcome, Instant now) {
        CheckOutcome.Transition transition = outcome.transition();
        if (transition == null) {
            return;
        }
        VerificationRef ref = VerificationRef.of(verification.id(), verification.appId(), transition.country(), verification.phoneNumber());
        switch (outcome.result()) {
            case APPROVED -> events.approved(ref, now);
            case LOCKED, BUDGET_EXHAUSTED -> events.locked(ref, LockReason.of(outcome.result()), now);
            default -> {
            }
        }
    }

    /** Digits of the configured code length. */
    public int codeLength() {
        return codes.length();
    }

    private boolean hasCodeShape(String typed) {
        if (typed.length() != codes.length()) {
            return false;
        }
        for (int i = 0; i < typed.length(); i++) {
            if (typed.charAt(i) < '0' || typed.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
