package dev.voiceotp.worker.dispatch;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.app.AppSettings;
import dev.voiceotp.worker.call.CallPlacer;
import dev.voiceotp.worker.call.CallRefusedException;
import dev.voiceotp.worker.call.CallRequest;
import dev.voiceotp.worker.call.PlivoUnavailableException;
import dev.voiceotp.worker.phlo.PhloRunner;
import dev.voiceotp.worker.prompt.CallPromptStore;
import dev.voiceotp.worker.prompt.CodeGenerator;

/**
 * Turns one delivered request into at most one call: validate, issue a code and claim the call in one
 * atomic step, keep the encrypted prompt copy, place the call, settle the claim.
 */
@Component
class VerificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(VerificationDispatcher.class);
    /** The prompt copy outlives the call by this much, for Plivo's answer-URL retries. */
    private static final Duration PROMPT_MARGIN = Duration.ofSeconds(60);

    private final OtpRequestValidator validator;
    private final CodeGenerator codes;
    private final CodeHasher hasher;
    private final CallClaims claims;
    private final CallPromptStore prompts;
    private final CallPlacer placer;
    private final WorkerProperties properties;
    private final PhloRunner phloRuns;
    private final AppSettings apps;

    VerificationDispatcher(OtpRequestValidator validator, CodeGenerator codes, CodeHasher hasher, CallClaims claims,
            CallPromptStore prompts, CallPlacer placer, WorkerProperties properties, PhloRunner phloRuns, AppSettings apps) {
        this.validator = validator;
        this.codes = codes;
        this.hasher = hasher;
        this.claims = claims;
        this.prompts = prompts;
        this.placer = placer;
        this.properties = properties;
        this.phloRuns = phloRuns;
        this.apps = apps;
    }

    void dispatch(OtpRequest request) {
        validator.validate(request);
        String code = codes.next();
        ClaimResult claim = claims.claim(request, cappedExpiry(request).toEpochMilli(), hasher.hash(request.verificationId(), code));
        switch (claim) {
            case CLAIMED -> {
                if (phloRuns.appliesTo(request)) {
                    runPhlo(request, code);
                } else {
                    placeCall(request, code);
                }
            }
            case IN_PROGRESS -> throw new CallClaimInProgressException(request.verificationId());
            default -> log.info("Verification {}: no call placed ({})", request.verificationId(), claim.name().toLowerCase());
        }
    }

    private void placeCall(OtpRequest request, String code) {
        String token;
        try {
            token = prompts.store(request.verificationId(), code, promptLifetime());
        } catch (RuntimeException e) {
            claims.release(request.verificationId());
            throw e;
        }
        try {
            String requestUuid = placer.place(new CallRequest(request.verificationId(), request.phoneNumber(),
                    webhookUrl("answer", token), webhookUrl("hangup", token), apps.callerId(request.appId())));
            claims.placed(request.verificationId(), requestUuid);
        } catch (CallRefusedException e) {
            prompts.forgetCode(token);
            claims.refused(request.verificationId(), e.reason());
            log.warn("Verification {}: Plivo refused the call to {} ({})", request.verificationId(),
                    PhoneNumbers.mask(request.phoneNumber()), e.reason());
        } catch (PlivoUnavailableException e) {
            prompts.forgetCode(token);
            claims.release(request.verificationId());
            throw e;
        }
    }

    /** The PHLO path: the code travels in the run's payload, so there is no prompt copy and no webhook. */
    private void runPhlo(OtpRequest request, String code) {
        try {
            claims.placed(request.verificationId(), phloRuns.run(request, code));
        } catch (CallRefusedException e) {
            claims.refused(request.verificationId(), e.reason());
            log.warn("Verification {}: Plivo refused the PHLO run to {} ({})", request.verificationId(),
                    PhoneNumbers.mask(request.phoneNumber()), e.reason());
        } catch (PlivoUnavailableException e) {
            claims.release(request.verificationId());
            throw e;
        }
    }

    /** A code is never accepted longer than ten minutes, whatever a producer put in the message. */
    private static Instant cappedExpiry(OtpRequest request) {
        Instant latest = request.requestedAt().plus(CodeProperties.MAX_TTL);
        return request.expiresAt().isAfter(latest) ? latest : request.expiresAt();
    }

    private Duration promptLifetime() {
        return properties.plivo().ringTimeout().plus(properties.plivo().timeLimit()).plus(PROMPT_MARGIN);
    }

    private String webhookUrl(String kind, String token) {
        String base = properties.publicBaseUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/plivo/" + kind + "/" + token;
    }
}
