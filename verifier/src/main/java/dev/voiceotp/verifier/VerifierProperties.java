package dev.voiceotp.verifier;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the verifier ({@code voice-otp.verifier}); code rules, attempt limits and the per-number failure
 * budget live in the shared {@code voice-otp.code}, because the worker's confirm-in-call mode checks codes too.
 *
 * @param legacy the unauthenticated endpoint of Plivo's voice-OTP guide, off unless asked for
 * @param eventsTopic how {@code otp.events.v1} is created when it does not exist yet
 * @param expirySweep the task that reports verifications still pending at their expiry
 */
@Validated
@ConfigurationProperties("voice-otp.verifier")
public record VerifierProperties(
        @DefaultValue @Valid Legacy legacy,
        @DefaultValue @Valid EventsTopic eventsTopic,
        @DefaultValue @Valid ExpirySweep expirySweep) {

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

    /**
     * Every service that publishes events declares the topic with the same shape, so whichever starts first
     * creates it and none later asks Kafka to change it.
     *
     * @param partitions partitions of {@code otp.events.v1}
     * @param replicationFactor replicas of each partition; 3 in production
     */
    public record EventsTopic(@DefaultValue("6") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor) {
    }

    /**
     * @param enabled run the sweeper; every instance may, since each due id is taken by exactly one of them
     * @param interval pause between sweeps, which bounds how late an {@code expired} event is
     * @param batchSize ids taken per script run, which bounds how long one run holds Redis
     */
    public record ExpirySweep(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration interval,
            @DefaultValue("200") @Min(1) @Max(5000) int batchSize) {

        @AssertTrue(message = "voice-otp.verifier.expiry-sweep.interval must be between 100 ms and 1 minute")
        public boolean isIntervalWithinLimits() {
            return interval != null && interval.compareTo(Duration.ofMillis(100)) >= 0 && interval.compareTo(Duration.ofMinutes(1)) <= 0;
        }
    }
}
