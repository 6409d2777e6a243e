package dev.voiceotp.verifier;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the verifier ({@code voice-otp.verifier}); code rules, attempt limits and the per-number failure
 * budget live in the shared {@code voice-otp.code}, because the worker's confirm-in-call mode checks codes too.
 *
 * @param legacy the unauthenticated endpoint of Plivo's voice-OTP guide, off unless asked for
 * @param expirySweep the task that reports verifications still pending at their expiry
 * @param limits check rate limits per client address and per number (the per-app one is the app's
 *     {@code quotas.checks-per-minute})
 * @param trustedProxies CIDRs of proxies (or producer backends) whose {@code X-Forwarded-For} names the end user;
 *     a request from one of them is limited under the address it forwards, and not per address when it forwards none
 */
@Validated
@ConfigurationProperties("voice-otp.verifier")
public record VerifierProperties(
        @DefaultValue @Valid Legacy legacy,
        @DefaultValue @Valid ExpirySweep expirySweep,
        @DefaultValue @Valid Limits limits,
        @DefaultValue List<@Pattern(regexp = "[0-9a-fA-F:.]+(/[0-9]{1,3})?", message = "must be an IP address or CIDR") String> trustedProxies) {

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

    /**
     * Fixed windows, counted by the check script in Redis (so a check stays one round trip, and every instance
     * shares the counts); every check counts, refused ones too. A capacity of 0 turns a limit off.
     *
     * @param ip checks per client address (IPv6 per /64), sized for end users behind a carrier NAT. A producer
     *     backend that calls directly should be listed in {@code trusted-proxies}: its own checks are then not
     *     limited per address, and the end-user address it forwards in {@code X-Forwarded-For} is
     * @param number checks per phone number, all apps together, counted for the caller's own verifications
     */
    public record Limits(@DefaultValue @Valid Limit ip, @DefaultValue @Valid Limit number) {

        /** Fills in what configuration left out, per limit: a default that suits one limit is wrong for the other. */
        public Limits {
            ip = ip.orElse(120, Duration.ofMinutes(1));
            number = number.orElse(20, Duration.ofMinutes(10));
        }
    }

    /**
     * One fixed window; see {@link Limits}. Unset values bind as -1 and null, and {@link Limits} replaces them.
     *
     * @param capacity checks allowed per window; 0 turns the limit off
     * @param window the window's length, from the first check that opens it
     */
    public record Limit(@DefaultValue("-1") @PositiveOrZero int capacity, @Nullable Duration window) {

        private static final int UNSET = -1;

        public boolean enabled() {
            return capacity > 0;
        }

        Limit orElse(int defaultCapacity, Duration defaultWindow) {
            return new Limit(capacity == UNSET ? defaultCapacity : capacity, window == null ? defaultWindow : window);
        }

        /** The window, which {@link Limits} always sets. */
        public Duration windowOrDefault() {
            return window == null ? Duration.ofMinutes(1) : window;
        }

        @AssertTrue(message = "a rate-limit window must be between 1 second and 1 day")
        public boolean isWindowSensible() {
            return window == null || (window.toSeconds() >= 1 && window.compareTo(Duration.ofDays(1)) <= 0);
        }
    }
}
