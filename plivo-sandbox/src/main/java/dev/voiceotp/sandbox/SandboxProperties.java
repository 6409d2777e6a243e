package dev.voiceotp.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the sandbox can be told ({@code voice-otp.sandbox.*}). The defaults make a call take a few tens of
 * milliseconds and cap every simulated wait, so tests and benchmarks are not slowed down by ringing, silence and
 * unanswered prompts; only the calls-per-second queue keeps Plivo's real pace, because that is what callers must
 * cope with.
 *
 * @param authId the account id the SDK must present; Plivo's format, because the SDK refuses any other
 * @param authToken the account token: checks Basic auth and signs every callback (V3)
 * @param extraSigningTokens further tokens every callback is also signed with (comma-separated signatures in one
 *        header), as Plivo does while an auth token is being rotated
 * @param answerDelay how long the phone rings before the answer URL is requested
 * @param callDuration how long the callee listens after the answer XML before hanging up
 * @param maxRing cap on how long an unanswered phone rings ({@code ring_timeout} is honoured up to this)
 * @param maxPause cap on each simulated pause: a {@code <Wait>}, one unanswered {@code <GetDigits>} attempt,
 *        machine detection time
 * @param callsPerSecond Plivo's account-wide outbound pace: calls above it are accepted and queued; 0 = no queue
 * @param slowApiDelay how long a {@code slow} or {@code late} scenario delays the API answer when it names no
 *        {@code apiDelayMs}
 * @param maxRecordedCalls how many calls, PHLO runs and API requests the inspection API keeps (oldest dropped), so
 *        a benchmark cannot exhaust memory: a kept call with its events and API request takes about 5 KB, so the
 *        default's 10 MB fit beside the sandbox's own 25 MB in a 128 MB heap without full collections
 * @param callbackTimeout connect and response timeout for each callback
 */
@Validated
@ConfigurationProperties("voice-otp.sandbox")
public record SandboxProperties(
        @DefaultValue("MAVOICEOTPSANDBOX001") @Pattern(regexp = "(MA|SA)[A-Z0-9]{18}") String authId,
        @DefaultValue("sandbox-auth-token") @NotBlank String authToken,
        @DefaultValue @NotNull List<@NotBlank String> extraSigningTokens,
        @DefaultValue("20ms") @DurationMin(millis = 0) Duration answerDelay,
        @DefaultValue("20ms") @DurationMin(millis = 0) Duration callDuration,
        @DefaultValue("2s") @DurationMin(millis = 0) Duration maxRing,
        @DefaultValue("200ms") @DurationMin(millis = 0) Duration maxPause,
        @DefaultValue("2") @PositiveOrZero int callsPerSecond,
        @DefaultValue("3s") @DurationMin(millis = 0) Duration slowApiDelay,
        @DefaultValue("2000") @Positive int maxRecordedCalls,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration callbackTimeout) {

    /** Every token a callback is signed with: the account's first, then the rotation's. */
    public List<String> signingTokens() {
        return Stream.concat(Stream.of(authToken), extraSigningTokens.stream()).toList();
    }
}
