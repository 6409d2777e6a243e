package dev.voiceotp.contract.health;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the {@code kafka} health indicator asks the cluster ({@code voice-otp.health.kafka}).
 *
 * @param timeout the longest one probe waits for the cluster; probes run on the thread serving the health
 *     request, so this bounds how long a readiness check can take
 * @param cacheFor how long an answer is reused, so that frequent probes from several load balancers cost one
 *     request to the cluster
 */
@Validated
@ConfigurationProperties("voice-otp.health.kafka")
public record KafkaHealthProperties(
        @DefaultValue("2s") @NotNull Duration timeout,
        @DefaultValue("5s") @NotNull Duration cacheFor) {
}
