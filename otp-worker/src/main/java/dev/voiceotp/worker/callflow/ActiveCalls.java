package dev.voiceotp.worker.callflow;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.verification.VerificationStatus;
import dev.voiceotp.worker.callflow.SignedPlivoRequests.SignedCallback;

/**
 * The call behind a webhook's token (as {@link SignedPlivoRequests} looked it up, with its verification), as the
 * answer and keypad webhooks need it: with its code while the verification is still pending (nothing is unsealed for
 * a finished or expired one), or only its verification.
 */
@Component
class ActiveCalls {

    private final CallStatusReport statusReport;
    private final Clock clock;

    ActiveCalls(CallStatusReport statusReport, Clock clock) {
        this.statusReport = statusReport;
        this.clock = clock;
    }

    /** A call whose code may still be read. */
    record ActiveCall(VerificationRecord verification, String code) {
        @Override
        public String toString() {
            return "ActiveCall[verification=" + verification.id() + ", code=<hidden>]";
        }
    }

    /**
     * The call a token named, with its code while the verification is pending and the code's copy is kept.
     *
     * @param callback read with {@link SignedPlivoRequests#verifiedWithVerification}
     */
    Optional<ActiveCall> pending(SignedCallback callback) {
        return callback.verification()
                .filter(verification -> verification.statusAt(clock.instant()) == VerificationStatus.PENDING)
                .flatMap(verification -> callback.call().flatMap(call -> call.prompt())
                        .map(prompt -> new ActiveCall(verification, prompt.code())));
    }

    /**
     * Plivo reports that a machine answered: record it as the call's end, which drops the code copy (it must never be
     * read now). False when the callback's token named no call.
     */
    boolean machineAnswered(String token, SignedCallback callback) {
        callback.call().ifPresent(call -> statusReport.machine(token, call.verificationId(), callback.parameters()));
        return callback.call().isPresent();
    }
}
