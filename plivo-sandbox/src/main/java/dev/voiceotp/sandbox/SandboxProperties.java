package dev.voiceotp.sandbox;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Everything the sandbox can be told ({@code voice-otp.sandbox.*}). The defaults make a call take a few tens of
 * milliseconds, so tests and benchmarks are not slowed down by simulated ringing and talking.
 *
 * @param authId the account id the SDK must present; Plivo's format, because the SDK refuses any other
 * @param authToken the account token: checks Basic auth and signs every callback (V3)
 * @param answerDelay how long the phone rings before the answer URL is requested
 * @param callDuration how long the callee listens after the answer XML before hanging up
 * @param maxRecordedCalls how many calls the inspection API keeps (oldest dropped), so a benchmark cannot exhaust memory
 * @param callbackTimeout connect and response timeout for each answer or hangup callback
 */
@Validated
@ConfigurationProperties("voice-otp.sandbox")
public record SandboxProperties(
        @DefaultValue("MAVOICEOTPSANDBOX001") @Pattern(regexp = "(MA|SA)[A-Z0-9]{18}") String authId,
        @DefaultValue("sandbox-auth-token") @NotBlank String authToken,
        @DefaultValue("20ms") @DurationMin(millis = 0) Duration answerDelay,
        @DefaultValue("20ms") @DurationMin(millis = 0) Duration callDuration,
        @DefaultValue("10000") @Positive int maxRecordedCalls,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration callbackTimeout) {
}
