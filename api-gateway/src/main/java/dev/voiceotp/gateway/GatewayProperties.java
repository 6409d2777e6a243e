package dev.voiceotp.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * Settings of the gateway ({@code voice-otp.gateway}).
 *
 * @param kafkaAckTimeout the longest a request waits for Kafka; the producer's own blocking and delivery
 *     timeouts are derived from it, so a dead broker cannot hold a request longer
 * @param topic how {@code otp.requests.v1}, {@code otp.requests.direct.v1} and {@code otp.webhooks.dlt} are created
 *     when they do not exist yet (and the replication of {@code otp.requests.direct.v1.dlt}); {@code otp.events.v1}
 *     is {@code voice-otp.events.topic}'s
 * @param legacy the guide's unauthenticated {@code GET /dispatch_otp/{number}} endpoint
 * @param limits request rate limits shared by all gateway instances (the per-app one is the app's
 *     {@code quotas.requests-per-minute})
 * @param trustedProxies CIDRs of proxies (or producer backends) whose {@code X-Forwarded-For} names the end user;
 *     from anyone else the header is ignored, since a client could write any address into it
 * @param resend what a new request for a number with a pending verification does
 * @param destinations which numbers may be called at all
 * @param spend caps on the calls that cost money (the per-app daily cap is the app's {@code quotas.calls-per-day})
 */
@Validated
@ConfigurationProperties("voice-otp.gateway")
public record GatewayProperties(
        @DefaultValue("5s") @NotNull Duration kafkaAckTimeout,
        @DefaultValue @Valid Topic topic,
        @DefaultValue @Valid Legacy legacy,
        @DefaultValue @Valid Limits limits,
        @DefaultValue List<@Pattern(regexp = "[0-9a-fA-F:.]+(/[0-9]{1,3})?", message = "must be an IP address or CIDR") String> trustedProxies,
        @DefaultValue @Valid Resend resend,
        @DefaultValue @Valid Destinations destinations,
        @DefaultValue @Valid Spend spend) {

    /**
     * @param partitions upper bound on worker parallelism: one consumer per partition
     * @param replicationFactor 1 for a single local broker; 3 in production so an acked request survives a broker loss
     */
    public record Topic(@DefaultValue("6") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor) {
    }

    /**
     * The guide's {@code GET /dispatch_otp/{number}}: anyone who can reach it, and any web page a visitor opens, can
     * make it place a call, so it starts only with a country allow-list of its own and the per-address limit on.
     *
     * @param enabled off by default: the endpoint has no authentication, so it belongs behind a trusted proxy only
     * @param appId the producer app its verifications belong to (must be configured in {@code voice-otp.apps})
     * @param allowedCountries ISO 3166 regions the endpoint may call, on top of {@link Destinations}; required
     *     when enabled
     */
    public record Legacy(
            @DefaultValue("false") boolean enabled,
            @Nullable String appId,
            @DefaultValue Set<@Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code") String> allowedCountries) {

        @AssertTrue(message = "voice-otp.gateway.legacy.app-id is required when the legacy endpoint is enabled")
        public boolean isAppIdPresentWhenEnabled() {
            return !enabled || (appId != null && !appId.isBlank());
        }

        @AssertTrue(message = "voice-otp.gateway.legacy.allowed-countries must list the countries the unauthenticated "
                + "legacy endpoint may call when it is enabled")
        public boolean isCountryAllowListPresentWhenEnabled() {
            return !enabled || !allowedCountries.isEmpty();
        }
    }

    /**
     * Token buckets: {@code capacity} requests, refilled evenly over {@code period}. A capacity of 0 turns a limit off.
     *
     * @param number requests per phone number, all apps together
     * @param ip requests per client address (IPv6 per /64), sized for end users, many of whom share an address
     *     behind a carrier NAT. A producer backend that calls directly should be listed in {@code trusted-proxies}:
     *     its own requests are then not limited per address, and the end-user address it forwards in
     *     {@code X-Forwarded-For} is
     * @param prefix requests per number block: the number without its last {@code prefixHiddenDigits} digits,
     *     which catches sequential-number pumping that stays under the per-number limit
     * @param prefixHiddenDigits digits dropped from the end of a number to name its block
     */
    public record Limits(
            @DefaultValue @Valid Limit number,
            @DefaultValue @Valid Limit ip,
            @DefaultValue @Valid Limit prefix,
            @DefaultValue("3") @Min(1) @Max(6) int prefixHiddenDigits) {

        /** Fills in what configuration left out, per limit: a default that suits one limit is wrong for another. */
        public Limits {
            number = number.orElse(10, Duration.ofMinutes(10));
            ip = ip.orElse(100, Duration.ofMinutes(10));
            prefix = prefix.orElse(10, Duration.ofMinutes(10));
        }
    }

    /**
     * One token bucket; see {@link Limits}. Unset values bind as -1 and null, and {@link Limits} replaces them.
     *
     * @param capacity requests allowed in a burst, and per period; 0 turns the limit off
     * @param period time in which a spent bucket refills completely
     */
    public record Limit(@DefaultValue("-1") @PositiveOrZero int capacity, @Nullable Duration period) {

        private static final int UNSET = -1;

        public boolean enabled() {
            return capacity > 0;
        }

        Limit orElse(int defaultCapacity, Duration defaultPeriod) {
            return new Limit(capacity == UNSET ? defaultCapacity : capacity, period == null ? defaultPeriod : period);
        }

        /** The period, which {@link Limits} always sets. */
        public Duration refillPeriod() {
            return period == null ? Duration.ofMinutes(1) : period;
        }

        @AssertTrue(message = "a rate-limit period must be between 1 second and 1 day")
        public boolean isPeriodSensible() {
            return period == null || (period.toSeconds() >= 1 && period.compareTo(Duration.ofDays(1)) <= 0);
        }
    }

    /**
     * @param cooldown a request for the same number and app within this time after the pending verification was
     *     created gets that verification back and places no call; later, a new call replaces it
     * @param maxPerHour calls per number (all apps together) in any rolling hour; 0 = no cap
     * @param maxPerDay calls per number in any rolling 24 hours; 0 = no cap
     */
    public record Resend(
            @DefaultValue("30s") @NotNull Duration cooldown,
            @DefaultValue("5") @PositiveOrZero int maxPerHour,
            @DefaultValue("10") @PositiveOrZero int maxPerDay) {
    }

    /**
     * @param allowedCountries ISO 3166 regions that may be called; empty allows every country. Non-geographic
     *     numbers (satellite phones, international networks: region {@code 001}) only when {@code 001} is listed
     * @param refusedTypes libphonenumber number types never called: by default those that cost the caller
     *     extra or reach no person (premium rate, shared cost, UAN, personal numbers, pagers, voicemail access), and
     *     VoIP numbers, which NIST SP 800-63B rules out for out-of-band codes: they prove no device
     */
    public record Destinations(
            @DefaultValue Set<@Pattern(regexp = "[A-Z]{2}|001", message = "must be an ISO 3166 alpha-2 code or 001") String> allowedCountries,
            @DefaultValue({"PREMIUM_RATE", "SHARED_COST", "UAN", "PERSONAL_NUMBER", "PAGER", "VOICEMAIL", "VOIP", "UNKNOWN"})
            Set<PhoneNumberType> refusedTypes) {
    }

    /**
     * @param defaultMaxCallsPerCountryPerHour calls per destination country per UTC hour, all apps together, for
     *     countries without their own cap; 0 = no cap
     * @param maxCallsPerCountryPerHour caps by ISO 3166 region, overriding the default (0 = no cap)
     */
    public record Spend(
            @DefaultValue("1000") @PositiveOrZero int defaultMaxCallsPerCountryPerHour,
            @DefaultValue Map<String, @PositiveOrZero Integer> maxCallsPerCountryPerHour) {

        /** Region codes upper-cased: environment variables arrive lower-cased ({@code ..._PER_HOUR_CH} binds as {@code ch}). */
        public Spend {
            Map<String, Integer> caps = new HashMap<>();
            maxCallsPerCountryPerHour.forEach((region, cap) -> caps.put(region.toUpperCase(Locale.ROOT), cap));
            maxCallsPerCountryPerHour = Map.copyOf(caps);
        }

        /** The hourly cap for one region; 0 = none. */
        public int countryHourlyCap(String region) {
            return maxCallsPerCountryPerHour.getOrDefault(region, defaultMaxCallsPerCountryPerHour);
        }
    }

    @AssertTrue(message = "voice-otp.gateway.limits.ip must be on (capacity > 0) while the unauthenticated legacy endpoint "
            + "is enabled")
    public boolean isAddressLimitOnForTheLegacyEndpoint() {
        return legacy == null || !legacy.enabled() || limits == null || limits.ip().enabled();
    }

    @AssertTrue(message = "voice-otp.gateway.kafka-ack-timeout must be between 100ms and 60s")
    public boolean isKafkaAckTimeoutSensible() {
        return kafkaAckTimeout != null && kafkaAckTimeout.toMillis() >= 100 && kafkaAckTimeout.toSeconds() <= 60;
    }
}
