package dev.voiceotp.verifier.check;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.event.LockReason;
import dev.voiceotp.verifier.event.VerificationEvents;

/**
 * Counts every check and reports the ones that changed a verification. Only the check the script marked with a
 * transition publishes {@code approved} or {@code locked} and counts an approval, so parallel or repeated checks
 * of one verification never report it twice.
 */
@Component
class OutcomeReporter {

    private final CheckMetrics metrics;
    private final VerificationEvents events;

    OutcomeReporter(CheckMetrics metrics, VerificationEvents events) {
        this.metrics = metrics;
        this.events = events;
    }

    /** @param now the time the check ran with, which the script stored as {@code approvedAt} on approval */
    CheckOutcome report(String appId, CheckOutcome outcome, Instant now) {
        metrics.record(appId, outcome.result());
        CheckOutcome.Transition transition = outcome.transition();
        String id = outcome.verificationId();
        if (transition == null || id == null) {
            return outcome;
        }
        switch (outcome.result()) {
            case APPROVED -> {
                Instant createdAt = transition.createdAt();
                metrics.approved(appId, transition.country(), createdAt == null ? null : Duration.between(createdAt, now));
                events.approved(appId, id, transition.country(), now);
            }
            case LOCKED, BUDGET_EXHAUSTED -> events.locked(appId, id, transition.country(), LockReason.of(outcome.result()), now);
            default -> {
                // no other result changes the stored status, and the script marks no other as a transition
            }
        }
        return outcome;
    }

    void invalid(String appId) {
        metrics.record(appId, CheckResult.INVALID);
    }
}
