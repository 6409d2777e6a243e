package dev.voiceotp.gateway.webhook;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway delivers lifecycle events to the producer apps that configured a {@code callback}
 * ({@code voice-otp.gateway.webhooks}).
 *
 * @param enabled off to leave deliveries to other gateway instances (each delivery lane is held by one instance)
 * @param lanes per app, the deliveries that may be in flight at once; the events of one verification always share
 *     a lane and arrive in order
 * @param allowedNetworks CIDRs a callback may resolve to although they are not public (loopback, private); empty in
 *     production, {@code 127.0.0.0/8} for the local run's receiver
 * @param connectTimeout how long a connection to an app may take
 * @param requestTimeout how long an app may take to answer a delivery
 * @param retry when a failed delivery is tried again
 * @param idlePoll how often an idle lane looks for deliveries queued by another gateway instance (deliveries queued
 *     by this instance start at once)
 */
@Validated
@ConfigurationProperties("voice-otp.gateway.webhooks")
public record WebhookProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") @Min(1) @Max(64) int lanes,
        @DefaultValue List<@Pattern(regexp = "[0-9a-fA-F:.]+(/[0-9]{1,3})?", message = "must be an IP address or CIDR") String> allowedNetworks,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration requestTimeout,
        @DefaultValue @Valid Retry retry,
        @DefaultValue("1s") @NotNull Duration idlePoll) {

    /**
     * Exponential backoff with jitter after a 5xx, a 408 or 429, a timeout or a connection error; any other 4xx, a
     * redirect or a refused destination ends the delivery at once.
     *
     * @param initialDelay the wait before the second attempt; each further wait doubles, up to {@code maxDelay}, and is
     *     drawn at random from its upper half
     * @param giveUpAfter after this long since the first attempt the delivery is dead-lettered
     */
    public record Retry(
            @DefaultValue("5s") @NotNull Duration initialDelay,
            @DefaultValue("1h") @NotNull Duration maxDelay,
            @DefaultValue("24h") @NotNull Duration giveUpAfter) {
    }
}
