package dev.voiceotp.gateway;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the gateway ({@code voice-otp.gateway}).
 *
 * @param kafkaAckTimeout the longest a request waits for Kafka; the producer's own blocking and delivery
 *     timeouts are derived from it, so a dead broker cannot hold a request longer
 * @param topic how {@code otp.requests.v1} is created when it does not exist yet
 * @param legacy the guide's unauthenticated {@code GET /dispatch_otp/{number}} endpoint
 */
@Validated
@ConfigurationProperties("voice-otp.gateway")
public record GatewayProperties(
        @DefaultValue("5s") @NotNull Duration kafkaAckTimeout,
        @DefaultValue @Valid Topic topic,
        @DefaultValue @Valid Legacy legacy) {

    /**
     * @param partitions upper bound on worker parallelism: one consumer per partition
     * @param replicationFactor 1 for a single local broker; 3 in production so an acked request survives a broker loss
     */
    public record Topic(@DefaultValue("6") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor) {
    }

    /**
     * @param enabled off by default: the endpoint has no authentication, so it belongs behind a trusted proxy only
     * @param appId the producer app its verifications belong to (must be configured in {@code voice-otp.apps})
     */
    public record Legacy(@DefaultValue("false") boolean enabled, @Nullable String appId) {

        @AssertTrue(message = "voice-otp.gateway.legacy.app-id is required when the legacy endpoint is enabled")
        public boolean isAppIdPresentWhenEnabled() {
            return !enabled || (appId != null && !appId.isBlank());
        }
    }

    @AssertTrue(message = "voice-otp.gateway.kafka-ack-timeout must be between 100ms and 60s")
    public boolean isKafkaAckTimeoutSensible() {
        return kafkaAckTimeout != null && kafkaAckTimeout.toMillis() >= 100 && kafkaAckTimeout.toSeconds() <= 60;
    }
}
