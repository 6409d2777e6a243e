package dev.voiceotp.worker.callflow;

import java.time.Clock;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.verification.VerificationStatus;
import dev.voiceotp.worker.prompt.CallPromptStore;

/**
 * The call behind a webhook's token (as {@link SignedPlivoRequests} looked it up), as the answer and keypad webhooks
 * need it: with its code while the verification is still pending (nothing is read for a finished or expired one), or
 * only its verification.
 */
@Component
class ActiveCalls {

    private final CallStatusReport statusReport;
    private final StringRedisTemplate redis;
    private final Clock clock;

    ActiveCalls(CallStatusReport statusReport, StringRedisTemplate redis, Clock clock) {
        this.statusReport = statusReport;
        this.redis = redis;
        this.clock = clock;
    }

    /** A call whose code may still be read. */
    record ActiveCall(VerificationRecord verification, String code) {
        @Override
        public String toString() {
            return "ActiveCall[verification=" + verification.id() + ", code=<hidden>]";
        }
    }

    /** The call a token named, with its code while the verification is pending and the code's copy is kept. */
    Optional<ActiveCall> pending(CallPromptStore.Lookup call) {
        return call.prompt().flatMap(prompt -> load(prompt.verificationId())
                .filter(verification -> verification.statusAt(clock.instant()) == VerificationStatus.PENDING)
                .map(verification -> new ActiveCall(verification, prompt.code())));
    }

    /** The verification of a call, whatever its status. */
    Optional<VerificationRecord> verificationOf(CallPromptStore.Lookup call) {
        return load(call.verificationId());
    }

    /**
     * Plivo reports that a machine answered: record it as the call's end, which drops the code copy (it must never be
     * read now). False when the callback's token named no call.
     */
    boolean machineAnswered(String token, SignedPlivoRequests.SignedCallback callback) {
        callback.call().ifPresent(call -> statusReport.machine(token, call.verificationId(), callback.parameters()));
        return callback.call().isPresent();
    }

    private Optional<VerificationRecord> load(String verificationId) {
        return VerificationRecord.fromHash(verificationId,
                redis.<String, String>opsForHash().entries(RedisKeys.verification(verificationId)));
    }
}
