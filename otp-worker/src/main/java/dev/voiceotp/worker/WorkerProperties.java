package dev.voiceotp.worker;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param callsInFlight calls this worker places at the same time: a listener hands each claimed call over and takes
 *     its next request while Plivo answers; when this many are in hand, the listeners wait. Enough for the account's
 *     calls per second times Plivo's answer time (0.1-0.3 s), with room for slow moments
 * @param instanceId a name for this worker instance that survives its restarts (a pod or host name): Kafka's static
 *     membership, so a restarted worker takes its partitions back at once; unset, each start joins as a new member
 * @param deadLetterTopic where records go that cannot be processed after the retries
 * @param plivo the Plivo account and call settings
 * @param prompt what the call says
 * @param retry how failed call attempts are retried, and records that cannot be processed dead-lettered
 * @param redial whether calls that were busy or not answered are made again
 * @param pacing the account-wide limit on calls per second
 * @param webhooks protection of Plivo's callbacks
 * @param health the readiness probe of Plivo's API
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
        @DefaultValue("16") @Min(1) @Max(10_000) int callsInFlight,
        @Nullable String instanceId,
        @DefaultValue("otp.requests.v1.dlt") @NotBlank String deadLetterTopic,
        @Valid @NotNull Plivo plivo,
        @Valid @DefaultValue Prompt prompt,
        @Valid @DefaultValue Retry retry,
        @Valid @DefaultValue Redial redial,
        @Valid @DefaultValue Pacing pacing,
        @Valid @DefaultValue Webhooks webhooks,
        @Valid @DefaultValue Health health,
        @Valid @DefaultValue Phlo phlo,
        @Valid @DefaultValue Voicemail voicemail,
        @DefaultValue("false") boolean confirmInCall) {

    /**
     * Plivo fetches the call's XML, which reads the code, from the public base URL: with Plivo's own API (no
     * {@code plivo.api-base-url}) it must be https, or the code crosses the internet in clear. A loopback address (the
     * default, which Plivo cannot reach anyway) and a sandbox's address are exempt.
     */
    @AssertTrue(message = "voice-otp.worker.public-base-url (WORKER_PUBLIC_BASE_URL) must be https when calls go to Plivo: "
            + "Plivo fetches the call's XML, which reads the code, from it")
    public boolean isPublicBaseUrlSafeForPlivo() {
        if (publicBaseUrl == null || plivo == null || plivo.apiBaseUrl() != null || "https".equalsIgnoreCase(publicBaseUrl.getScheme())) {
            return true;
        }
        String host = publicBaseUrl.getHost();
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

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

        /** Without the auth tokens, which a record's own toString would print. */
        @Override
        public String toString() {
            return "Plivo[authId=" + authId + ", apiBaseUrl=" + apiBaseUrl + ", fromNumber=" + fromNumber + ", timeLimit=" + timeLimit
                    + ", ringTimeout=" + ringTimeout + ", authTokens=<hidden>]";
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

        /** Without the encryption key, which a record's own toString would print. */
        @Override
        public String toString() {
            return "Prompt[defaultLocale=" + defaultLocale + ", speakingRate=" + speakingRate + ", repeat=" + repeat + ", replays="
                    + replays + ", digitPause=" + digitPause + ", encryptionKey=<hidden>]";
        }
    }

    /**
     * Transient Plivo failures (5xx, 429, connection refused) are retried from the call schedule in Redis, with
     * exponential backoff and jitter, without holding up the partition; unexpected errors while handling a
     * record are retried in place a few times before the record goes to the dead-letter topic.
     *
     * @param initialInterval wait before the first retry of a call attempt
     * @param maxInterval longest wait between two retries
     * @param maxElapsed how long after the request a call may still be retried; past it the verification fails
     * @param claimStaleAfter a call claim older than this without a placed call means the worker that
     *     claimed it died mid-placement: the call's fate is unknown, so the verification fails instead of
     *     risking a second call
     * @param multiplier growth of the wait from one retry to the next
     * @param jitter share of each wait that is random (0 to 1), so retries of many requests spread out
     * @param ambiguousWait after a Plivo request timed out (the call may exist), how long to wait for a
     *     callback of that call before it counts as never placed and is retried
     * @param pollInterval longest time between two reads of the call schedule: a worker reads it when its earliest
     *     entry comes due or one it scheduled itself does, so this only bounds how late it sees an entry that another
     *     worker scheduled and left (that worker stopped)
     * @param recordAttempts deliveries of a record that fails unexpectedly before it is dead-lettered
     * @param callOutcomeGrace how long, beyond the ring timeout and the time limit, a placed call's end may take to be
     *     reported before the call counts as ended with an unknown outcome (its reports were lost)
     */
    public record Retry(
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("15s") Duration maxInterval,
            @DefaultValue("3m") Duration maxElapsed,
            @DefaultValue("90s") Duration claimStaleAfter,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
            @DefaultValue("60s") @NotNull Duration ambiguousWait,
            @DefaultValue("2s") @NotNull Duration pollInterval,
            @DefaultValue("3") @Min(1) int recordAttempts,
            @DefaultValue("60s") @NotNull Duration callOutcomeGrace) {
    }

    /**
     * @param maxAttempts further calls after a busy or unanswered one (0: none); each is a new call reading the
     *     same code, placed only while the verification is pending and unexpired
     * @param delay wait between the end of a busy or unanswered call and the redial
     */
    public record Redial(
            @DefaultValue("0") @Min(0) @Max(5) int maxAttempts,
            @DefaultValue("60s") @NotNull Duration delay) {
    }

    /**
     * @param enabled whether calls are paced at all; off, every call is placed as soon as the worker gets to it and
     *     Plivo queues what exceeds the account's limit (for accounts whose limit is far above the traffic)
     * @param callsPerSecond Plivo's outbound call limit of the account, shared by every worker instance
     * @param jitterTolerance how much the delays between the worker and Plivo may vary while the limit still
     *     holds where Plivo counts, at the arrival of the requests: calls are spaced
     *     {@code (1 s + jitterTolerance) / callsPerSecond} apart, so that {@code callsPerSecond} calls span more
     *     than a second even if the first is delayed by that much more than the last; the worker holds its own
     *     part of the delay to half the tolerance ({@link #sendWithin()}), the rest is left to the network
     * @param maxWait longest a request waits in the worker for its call slot; one that gets none is handed back
     *     untouched (its Kafka record is fetched again, its schedule entry stays due), so a listener thread stays
     *     well inside Kafka's max.poll.interval and a graceful stop stays short
     */
    public record Pacing(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2") @Min(1) @Max(1000) int callsPerSecond,
            @DefaultValue("100ms") @NotNull Duration jitterTolerance,
            @DefaultValue("10s") @NotNull Duration maxWait) {

        /**
         * The least time a request may take to leave after its slot, whatever the tolerance: less than a busy JVM's
         * scheduling noise would make most calls take two slots.
         */
        static final Duration MIN_SEND_WITHIN = Duration.ofMillis(10);

        /** Time between two calls of the account. */
        public Duration spacing() {
            return Duration.ofSeconds(1).plus(jitterTolerance).dividedBy(callsPerSecond);
        }

        /**
         * How long after its slot a call's request may still leave on it: half the jitter tolerance (the other half
         * is the network's), at least {@link #MIN_SEND_WITHIN}; a later request takes a fresh slot first.
         */
        public Duration sendWithin() {
            Duration half = jitterTolerance.dividedBy(2);
            return half.compareTo(MIN_SEND_WITHIN) < 0 ? MIN_SEND_WITHIN : half;
        }
    }


    /**
     * @param nonceTtl how long a callback's signature nonce is remembered; a callback whose nonce was already
     *     seen is answered without effect
     */
    public record Webhooks(@DefaultValue("1h") @NotNull Duration nonceTtl) {
    }

    /**
     * @param plivoProbeInterval how long one reachability probe of Plivo's API answers the readiness check
     * @param plivoProbeTimeout connect timeout of that probe
     */
    public record Health(
            @DefaultValue("10s") @NotNull Duration plivoProbeInterval,
            @DefaultValue("2s") @NotNull Duration plivoProbeTimeout) {
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
