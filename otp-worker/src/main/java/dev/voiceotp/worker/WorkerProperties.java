package dev.voiceotp.worker;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the worker ({@code voice-otp.worker}).
 *
 * @param publicBaseUrl the address at which Plivo reaches this worker's webhooks; also the base of the
 *     URL whose signature is checked, so it must be exactly what Plivo calls (scheme, host, port)
 * @param concurrency listener threads; at most the topic's partition count is useful
 * @param deadLetterTopic where records go that cannot be processed after the retries
 * @param plivo the Plivo account and call settings
 * @param prompt what the call says
 * @param retry how failed records are retried before they go to the dead-letter topic
 * @param phlo the PHLO run, for producer apps (or requests) that ask for {@code phlo} delivery
 * @param voicemail how the call keeps the code off answering machines
 * @param confirmInCall after the code is read, the person types it on the keypad and it is checked in the call,
 *     by the same atomic check as the verifier's API
 */
@Validated
@ConfigurationProperties("voice-otp.worker")
public record WorkerProperties(
        @DefaultValue("http://localhost:8081") @NotNull URI publicBaseUrl,
        @DefaultValue("3") @Min(1) int concurrency,
        @DefaultValue("otp.requests.v1.dlt") @NotBlank String deadLetterTopic,
        @Valid @NotNull Plivo plivo,
        @Valid @DefaultValue Prompt prompt,
        @Valid @DefaultValue Retry retry,
        @Valid @DefaultValue Phlo phlo,
        @Valid @DefaultValue Voicemail voicemail,
        @DefaultValue("false") boolean confirmInCall) {

    /**
     * @param authId Plivo auth id ({@code MA...} or {@code SA...})
     * @param authToken Plivo auth token: authenticates API calls and signs Plivo's callbacks
     * @param previousAuthTokens tokens still accepted on callbacks while a rotation is under way
     * @param apiBaseUrl when set, every SDK request goes to this address instead of api.plivo.com (the
     *     project's Plivo sandbox in tests and local runs)
     * @param fromNumber caller id in E.164
     * @param callerName name shown to the callee where the network supports it
     * @param timeLimit hard cap on a call's duration (and so on its cost)
     * @param ringTimeout how long the phone may ring before the call counts as not answered
     */
    public record Plivo(
            @NotBlank @Pattern(regexp = "(MA|SA)[A-Z0-9]{18}", message = "must be a Plivo auth id (MA or SA and 18 characters)") String authId,
            @NotBlank String authToken,
            @DefaultValue List<String> previousAuthTokens,
            @Nullable URI apiBaseUrl,
            @NotBlank @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be an E.164 number") String fromNumber,
            @Nullable String callerName,
            @DefaultValue("120s") @NotNull Duration timeLimit,
            @DefaultValue("30s") @NotNull Duration ringTimeout,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration readTimeout) {

        public List<String> acceptedAuthTokens() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(authToken), previousAuthTokens.stream()).toList();
        }
    }

    /**
     * @param encryptionKey Base64 of a 256-bit AES key for the short-lived copy of the code the prompt reads
     * @param defaultLocale locale of the prompt when the request names none
     * @param speakingRate SSML prosody rate of the code ("slow", "medium", or a percentage like "85%")
     * @param repeat how many times the code is read
     * @param replays how many times the person may press 1 (or star, when confirming in the call) to hear the code
     *     again; bounded so that a stuck key or a playful caller cannot keep the line open
     * @param digitPause silence between two digits of the code, so that each digit stands on its own
     */
    public record Prompt(
            @NotBlank String encryptionKey,
            @DefaultValue("en-US") @NotBlank String defaultLocale,
            @DefaultValue("85%") @Pattern(regexp = "x-slow|slow|medium|fast|x-fast|\\d{2,3}%") String speakingRate,
            @DefaultValue("2") @Min(2) int repeat,
            @DefaultValue("2") @Min(0) @Max(5) int replays,
            @DefaultValue("400ms") @NotNull Duration digitPause) {
    }

    /**
     * @param initialInterval first wait before a failed record is retried
     * @param maxInterval longest wait between retries
     * @param maxElapsed after this the record goes to the dead-letter topic and its verification fails
     * @param claimStaleAfter a call claim older than this without a placed call means the worker that
     *     claimed it died mid-placement: the call's fate is unknown, so the verification fails instead of
     *     risking a second call
     */
    public record Retry(
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("15s") Duration maxInterval,
            @DefaultValue("3m") Duration maxElapsed,
            @DefaultValue("90s") Duration claimStaleAfter) {
    }

    /**
     * @param defaultPhloId the PHLO run for apps that ask for {@code phlo} delivery and name no PHLO of their own
     * @param runnerBaseUrl when set, PHLO runs go to this address instead of phlorunner.plivo.com (the sandbox)
     */
    public record Phlo(@Nullable String defaultPhloId, @Nullable URI runnerBaseUrl) {
    }

    /** @param mode how an answering machine is kept from recording the code */
    public record Voicemail(@DefaultValue("detect") @NotNull Mode mode) {

        public enum Mode {
            /** Plivo's machine detection (synchronous): a machine answer is hung up on before a word is said. */
            DETECT,
            /** The person presses a key before the code is read; no key, no code. Works where detection errs. */
            PRESS_KEY,
            /** Read the code to whoever answers. */
            OFF
        }
    }
}
