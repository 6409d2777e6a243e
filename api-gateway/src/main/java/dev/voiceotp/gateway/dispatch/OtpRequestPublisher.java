package dev.voiceotp.gateway.dispatch;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes a request to {@link Topics#OTP_REQUESTS} and waits for the broker's ack, because the gateway
 * promises 202 only for requests Kafka holds. The record key is the number, so one number's requests stay
 * in order on one partition.
 */
@Component
class OtpRequestPublisher {

    /** Kafka did not acknowledge the request in time; it may or may not have been written. */
    static final class NotAcknowledgedException extends Exception {
        NotAcknowledgedException(Throwable cause) {
            super("Kafka did not acknowledge the OTP request: " + cause.getClass().getSimpleName(), cause);
        }
    }

    private final KafkaTemplate<String, OtpRequest> kafka;
    private final Duration ackTimeout;
    private final Timer acked;
    private final Timer failed;

    OtpRequestPublisher(KafkaTemplate<String, OtpRequest> kafka, GatewayProperties properties, MeterRegistry registry) {
        this.kafka = kafka;
        this.ackTimeout = properties.kafkaAckTimeout();
        this.acked = publishTimer(registry, "acked");
        this.failed = publishTimer(registry, "failed");
    }

    void publish(OtpRequest request) throws NotAcknowledgedException {
        long start = System.nanoTime();
        try {
            // send() itself may block (up to max.block.ms) while it fetches metadata: the deadline covers both
            var ack = kafka.send(Topics.OTP_REQUESTS, request.phoneNumber(), request);
            ack.get(ackTimeout.toNanos() - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
            acked.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException
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
