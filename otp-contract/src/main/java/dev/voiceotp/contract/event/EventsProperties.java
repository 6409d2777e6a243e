package dev.voiceotp.contract.event;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code voice-otp.events}: the lifecycle events every service publishes, configured once for all of them.
 *
 * @param topic how {@code otp.events.v1} is created when it does not exist yet (whichever service starts first)
 * @param outbox the Redis event outbox events wait in until Kafka acknowledged them
 */
@Validated
@ConfigurationProperties("voice-otp.events")
public record EventsProperties(@DefaultValue @Valid Topic topic, @DefaultValue @Valid Outbox outbox) {

    /**
     * @param partitions partitions of {@code otp.events.v1}
     * @param replicationFactor its replication factor (3 in production: an event must survive the loss of a broker);
     *     the worker's dead-letter topic uses it too
     */
    public record Topic(@DefaultValue("6") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor) {
    }

    /**
     * @param enabled false sends events straight to Kafka, where a broker outage loses them
     * @param claimAfter how long an entry stays unacknowledged before a relay sends it again (Kafka refused it, or
     *     the relay that read it died); at least 2 s, since an entry on Kafka waits up to a second for its relay's
     *     next read to delete it, and a shorter claim would send it again
     * @param ackTimeout how long a relay waits for Kafka's acks of a batch
     * @param linger how long a relay woken by a new event waits for more before it reads, so that events written close
     *     together share one Redis read and one Kafka request; 0 reads at once
     */
    public record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("15s") @NotNull @DurationMin(seconds = 2) Duration claimAfter,
            @DefaultValue("10s") @NotNull Duration ackTimeout, @DefaultValue("200ms") @NotNull @DurationMax(seconds = 1) Duration linger) {
    }
}
