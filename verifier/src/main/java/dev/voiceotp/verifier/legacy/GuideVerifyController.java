package dev.voiceotp.verifier.legacy;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.verifier.VerifierProperties;
import dev.voiceotp.verifier.check.CodeChecker;
import dev.voiceotp.verifier.check.MalformedCodeException;

/**
 * {@code GET /verify_otp/{number}/{code}} as in Plivo's guide: no API key, always 200 with the guide's body.
 *
 * <p>Off by default, because it trades away what the API protects: the code travels in the URL (keep access
 * logs off in front of it) and anyone who can reach it may spend the bound app's attempts. It goes through the
 * same atomic check as the API, so attempts, locking and single use still hold.
 */
@RestController
@ConditionalOnBooleanProperty("voice-otp.verifier.legacy.enabled")
class GuideVerifyController {

    private final CodeChecker checker;
    private final String appId;

    GuideVerifyController(CodeChecker checker, VerifierProperties properties, ApiKeyAuthenticator apps) {
        this.checker = checker;
        this.appId = requireConfiguredApp(properties.legacy().appId(), apps);
    }

    @GetMapping("/verify_otp/{number}/{code}")
    GuideResponse verify(@PathVariable String number, @PathVariable String code) {
        String phoneNumber = PhoneNumbers.requireE164Lenient(number, "number");
        CheckOutcome outcome;
        try {
            outcome = checker.checkNewestForNumber(appId, phoneNumber, code);
        } catch (MalformedCodeException e) {
            // the guide compared strings: anything that is not the code simply does not match
            return GuideResponse.NOT_VERIFIED;
        }
        return switch (outcome.result()) {
            case APPROVED -> GuideResponse.VERIFIED;
            case NOT_FOUND -> GuideResponse.NUMBER_NOT_FOUND;
            default -> GuideResponse.NOT_VERIFIED;
        };
    }

    /** Fails startup rather than answering "number not found" forever for a misspelt app id. */
    static String requireConfiguredApp(@Nullable String appId, ApiKeyAuthenticator apps) {
        if (appId == null || apps.appById(appId).isEmpty()) {
            throw new IllegalStateException("voice-otp.verifier.legacy.app-id must name an app configured in voice-otp.apps, got: " + appId);
        }
        return appId;
    }
}
