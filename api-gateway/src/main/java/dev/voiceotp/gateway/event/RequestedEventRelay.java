package dev.voiceotp.gateway.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.PublishedEventCounters;
import dev.voiceotp.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes the events of every request on {@code otp.requests.v1}, in its own consumer group, so that a dispatch
 * writes to Kafka once (the request) and still every accepted request gets its {@code requested} event, even when a
 * broker dies right after the request's ack.
 *
 * <p>At least once: a batch's offsets are committed only after every event of the batch is acked
 * ({@code acks=all}); a failed send fails the batch, which the error handler of {@link EventRelayConfiguration}
 * retries until it succeeds (or, when the gateway stops first, the next relay reads the batch again). A record
 * read twice yields events with the same ids ({@link RelayedEvents}).
 *
 * <p>A group without committed offsets (its first start) begins at the start of the topic, so that no request
 * accepted before the relay's first assignment goes unreported. On a topic that already holds requests (an upgrade
 * from a gateway that published the events itself) that reports the retained requests once more; docs/design.md
 * says how to start the group at the end of the topic instead.
 */
@Component
class RequestedEventRelay {

    static final String ID = "requested-event-relay";
    static final String GROUP = "api-gateway-event-relay";
    static final int FETCH_MIN_BYTES = 65_536;
    static final int FETCH_MAX_WAIT_MS = 100;

    private final KafkaOperations<String, Object> kafka;
    private final RelayedEvents events;
    private final Duration ackTimeout;
    private final PublishedEventCounters published;

    RequestedEventRelay(EventRelayConfiguration.RelayTemplate kafka, RelayedEvents events, GatewayProperties properties,
            MeterRegistry registry) {
        this.kafka = kafka.operations();
        this.events = events;
        this.ackTimeout = properties.kafkaAckTimeout();
        this.published = new PublishedEventCounters(registry);
    }

    // fetches wait for 64 KB of requests or 100 ms: at a few hundred requests per second a fetch and a commit per
    // request or two more than doubled the broker's CPU (design.md); an event may come 100 ms later
    @KafkaListener(id = ID, groupId = GROUP, topics = Topics.OTP_REQUESTS, batch = "true", properties = {
            "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
            "auto.offset.reset=earliest", "fetch.min.bytes=" + FETCH_MIN_BYTES,
            "fetch.max.wait.ms=" + FETCH_MAX_WAIT_MS})
    void relay(List<ConsumerRecord<String, byte[]>> records) throws EventsNotAcknowledgedException {
        List<OtpEvent> batch = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.addAll(events.of(record));
        }
        CompletableFuture<?>[] acks = new CompletableFuture<?>[batch.size()];
        for (int i = 0; i < acks.length; i++) {
            OtpEvent event = batch.get(i);
            acks[i] = kafka.send(Topics.OTP_EVENTS, event.key(), event);
        }
        try {
            CompletableFuture.allOf(acks).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventsNotAcknowledgedException(batch.size(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventsNotAcknowledgedException(batch.size(), e);
        }
        for (OtpEvent event : batch) {
            published.published(event.type());
        }
    }

    /** Some event of a batch was not acked: the batch is not committed and is tried again. */
    static final class EventsNotAcknowledgedException extends Exception {
        EventsNotAcknowledgedException(int events, Throwable cause) {
            super("Kafka did not acknowledge all " + events + " events of the batch: " + cause, cause);
        }
    }
}
