package dev.voiceotp.gateway.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.kafka.UnobservedKafkaTemplates;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.event.RelayedEvents;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.Timeout;

/**
 * Publishes a request to {@link Topics#OTP_REQUESTS} and waits for the broker's ack, because the gateway
 * promises 202 only for requests Kafka holds. The record key is the number, so one number's requests stay
 * in order on one partition. This is the only Kafka write of a dispatch: its events are published from the
 * record by the event relay ({@code dev.voiceotp.gateway.event.RequestedEventRelay}), which finds the number's
 * region and the id of a replaced verification in the record's headers.
 *
 * <p>Sends of sampled requests go through Boot's observed template (a span, the trace context in the headers);
 * the others through an unobserved one on the same producer, with the trace context written by hand.
 *
 * <p>The wait for the ack has no timer of its own: the producer's timeouts, derived from the same setting
 * ({@link KafkaPublishingConfiguration}), end every send well inside it, and a deadline on Lettuce's hashed-wheel
 * timer (already running for the Redis commands' timeouts) ends the wait if the producer ever did not. A timed wait
 * on a virtual thread would wake the JDK's timer thread twice per request, to arm its timeout and to cancel it.
 */
@Component
class OtpRequestPublisher {

    /** Kafka did not acknowledge the request in time; it may or may not have been written. */
    static final class NotAcknowledgedException extends Exception {
        NotAcknowledgedException(Throwable cause) {
            super("Kafka did not acknowledge the OTP request: " + cause.getClass().getSimpleName(), cause);
        }
    }

    private final KafkaTemplate<String, OtpRequest> observed;
    private final KafkaTemplate<String, OtpRequest> unobserved;
    private final TraceDecision traces;
    private final long ackTimeoutNanos;
    private final io.netty.util.Timer deadlines;
    private final Timer acked;
    private final Timer failed;

    OtpRequestPublisher(KafkaTemplate<String, OtpRequest> kafka, ProducerFactory<String, Object> producerFactory,
            ProducerListener<Object, Object> producerListener, TraceDecision traces, GatewayProperties properties,
            ClientResources redisClient, MeterRegistry registry) {
        this.observed = kafka;
        this.deadlines = redisClient.timer();
        this.unobserved = UnobservedKafkaTemplates.create(producerFactory, producerListener);
        this.traces = traces;
        this.ackTimeoutNanos = properties.kafkaAckTimeout().toNanos();
        this.acked = publishTimer(registry, "acked");
        this.failed = publishTimer(registry, "failed");
    }

    /**
     * @param region the number's region, for the events the relay publishes
     * @param replacedId the pending verification this request replaced, reported by the event relay as canceled
     */
    void publish(OtpRequest request, String region, @Nullable String replacedId) throws NotAcknowledgedException {
        long start = System.nanoTime();
        try {
            ProducerRecord<String, OtpRequest> record = new ProducerRecord<>(Topics.OTP_REQUESTS, request.phoneNumber(), request);
            record.headers().add(RelayedEvents.REGION_HEADER, region.getBytes(StandardCharsets.UTF_8));
            if (replacedId != null) {
                record.headers().add(RelayedEvents.REPLACES_HEADER, replacedId.getBytes(StandardCharsets.UTF_8));
            }
            KafkaTemplate<String, OtpRequest> template = observed;
            if (!traces.sampled()) {
                traces.propagate(record.headers());
                template = unobserved;
            }
            // send() itself may block (up to max.block.ms) while it fetches metadata: the deadline covers both
            var ack = template.send(record);
            Timeout deadline = deadlines.newTimeout(expired -> ack.completeExceptionally(new TimeoutException("no ack within the deadline")),
                    ackTimeoutNanos - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
            try {
                ack.get();
            } finally {
                deadline.cancel();
            }
            acked.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | org.apache.kafka.common.KafkaException
                | org.springframework.kafka.KafkaException e) {
            failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw new NotAcknowledgedException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw new NotAcknowledgedException(e);
        }
    }

    private static Timer publishTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("otp.kafka.publish")
                .description("Time from send to the broker's ack (or to giving up)")
                .tag("outcome", outcome)
                .register(registry);
    }
}
