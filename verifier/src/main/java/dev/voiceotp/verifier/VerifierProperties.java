package dev.voiceotp.verifier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the verifier ({@code voice-otp.verifier}); code rules live in the shared {@code voice-otp.code}.
 *
 * @param legacy the unauthenticated endpoint of Plivo's voice-OTP guide, off unless asked for
 */
@Validated
@ConfigurationProperties("voice-otp.verifier")
public record VerifierProperties(@DefaultValue @Valid Legacy legacy) {

    /**
     * {@code GET /verify_otp/{number}/{code}} for users migrating from the guide. It carries no API key, so
     * it is bound to exactly one producer app and checks only that app's verifications.
     *
     * @param enabled serve the endpoint
     * @param appId the producer app whose verifications it checks; must be a configured app when enabled
     */
    public record Legacy(@DefaultValue("false") boolean enabled, @Nullable String appId) {

        @AssertTrue(message = "voice-otp.verifier.legacy.app-id is required when the guide's endpoint is enabled")
        public boolean isAppIdSetWhenEnabled() {
            return !enabled || (appId != null && !appId.isBlank());
        }
    }
}
