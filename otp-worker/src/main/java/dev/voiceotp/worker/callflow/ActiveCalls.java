package dev.voiceotp.worker.callflow;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.verification.VerificationStatus;
import dev.voiceotp.worker.prompt.CallPromptStore;

/**
 * The call behind a webhook's token, as the answer and keypad webhooks need it: with its code while the
 * verification is still pending (nothing is read for a finished or expired one), or only its verification.
 */
@Component
class ActiveCalls {

    private final CallPromptStore prompts;
    private final CallStatusReport statusReport;
    private final StringRedisTemplate redis;
    private final Clock clock;

    ActiveCalls(CallPromptStore prompts, CallStatusReport statusReport, StringRedisTemplate redis, Clock clock) {
        this.prompts = prompts;
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

    Optional<ActiveCall> pending(String token) {
        return prompts.lookup(token).flatMap(this::pending);
    }

    /** {@link #pending(String)} for a token already looked up. */
    Optional<ActiveCall> pending(CallPromptStore.Lookup token) {
        return token.prompt().flatMap(prompt -> load(prompt.verificationId())
                .filter(verification -> verification.statusAt(clock.instant()) == VerificationStatus.PENDING)
                .map(verification -> new ActiveCall(verification, prompt.code())));
    }

    /** Whether the token names a call of ours (its code may be gone). */
    boolean known(String token) {
        return prompts.verificationIdOf(token).isPresent();
    }

    /** The verification of a call, whatever its status, as long as the token is known. */
    Optional<VerificationRecord> verificationOf(String token) {
        return prompts.verificationIdOf(token).flatMap(this::load);
    }

    /**
     * Plivo reports that a machine answered: record it as the call's end, and drop the code copy, which must never
     * be read now. False when the token is unknown.
     */
    boolean machineAnswered(String token, Map<String, String> callback) {
        Optional<String> verificationId = prompts.verificationIdOf(token);
        verificationId.ifPresent(id -> {
            statusReport.machine(token, id, callback);
            prompts.forgetCode(token, id);
        });
        return verificationId.isPresent();
    }

    static boolean answeredByMachine(Map<String, String> callback) {
        return "true".equalsIgnoreCase(callback.get("Machine"));
    }

    private Optional<VerificationRecord> load(String verificationId) {
        return VerificationRecord.fromHash(verificationId,
                redis.<String, String>opsForHash().entries(RedisKeys.verification(verificationId)));
    }
}
