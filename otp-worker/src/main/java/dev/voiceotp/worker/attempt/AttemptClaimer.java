package dev.voiceotp.worker.attempt;

import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.plivo.PhloRunner;
import dev.voiceotp.worker.prompt.CallPromptStore;

/**
 * Prepares one call attempt and claims it: choose its code (a redial reads the same code again, every other
 * attempt issues a new one), seal the prompt copy the call will read (a PHLO run carries the code in its payload and
 * needs none: its token names nothing in Redis), and claim the attempt atomically with the code's hash and the copy,
 * in one round trip: only a claim stores the copy, so none exists for an attempt that will not call.
 */
@Component
class AttemptClaimer {

    /** The prompt copy outlives the call by this much, for Plivo's answer-URL retries. */
    private static final Duration PROMPT_MARGIN = Duration.ofSeconds(60);

    private final CodeGenerator codes;
    private final CodeHasher hasher;
    private final CallClaims claims;
    private final CallPromptStore prompts;
    private final PhloRunner phloRuns;
    private final Duration promptLifetime;

    AttemptClaimer(CodeGenerator codes, CodeHasher hasher, CallClaims claims, CallPromptStore prompts, PhloRunner phloRuns,
            WorkerProperties properties) {
        this.codes = codes;
        this.hasher = hasher;
        this.claims = claims;
        this.prompts = prompts;
        this.phloRuns = phloRuns;
        this.promptLifetime = properties.plivo().ringTimeout().plus(properties.plivo().timeLimit()).plus(PROMPT_MARGIN);
    }

    /** What the claim decided, with the attempt's code and call token (meaningful when claimed). */
    record ClaimedAttempt(CallClaims.Claim claim, String code, String token) {

        /** Without the code and the call's token, which a record's own toString would print. */
        @Override
        public String toString() {
            return "ClaimedAttempt[claim=" + claim + ", code=<hidden>, token=<hidden>]";
        }
    }

    /** The first attempt of a request from Kafka: a new code. */
    ClaimedAttempt claimFirst(OtpRequest request) {
        return claim(request, codes.next());
    }

    /** A due attempt from the call schedule, {@code hash} being the verification as it stands. */
    ClaimedAttempt claimAgain(OtpRequest request, Map<String, String> hash) {
        String previousToken = hash.get(WorkerRedisState.CALL_TOKEN);
        String code = WorkerRedisState.STATE_REDIAL.equals(hash.get(VerificationFields.CALL_STATE)) && previousToken != null
                ? prompts.find(previousToken).map(CallPromptStore.Prompt::code).orElseGet(codes::next)
                : codes.next();
        return claim(request, code);
    }

    private ClaimedAttempt claim(OtpRequest request, String code) {
        CallPromptStore.SealedCopy copy = phloRuns.appliesTo(request) ? CallPromptStore.SealedCopy.tokenOnly(prompts.newCallToken())
                : prompts.seal(request.verificationId(), code);
        String token = copy.token();
        // the claim stores the copy only when it claims: no copy is ever written for an attempt that will not call
        CallClaims.Claim claim = claims.claim(request, VerificationDispatcher.cappedExpiry(request).toEpochMilli(),
                hasher.hash(request.verificationId(), code), copy, promptLifetime);
        if (!claim.previousToken().isEmpty()) {
            // the previous attempt is superseded: a late call of it must find nothing to read
            prompts.forgetCode(claim.previousToken());
        }
        return new ClaimedAttempt(claim, code, token);
    }
}
