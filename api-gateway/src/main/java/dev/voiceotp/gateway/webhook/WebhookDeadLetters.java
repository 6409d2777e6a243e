package dev.voiceotp.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;

import dev.voiceotp.contract.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a delivery that was given up on {@code otp.webhooks.dlt}: the event as the app would have received it, keyed
 * like the events topic, with headers saying which app, why and after how many attempts, so an operator can replay it.
 */
final class WebhookDeadLetters {

    static final String APP_HEADER = "voice-otp-webhook-app";
    static final String REASON_HEADER = "voice-otp-webhook-reason";
    static final String ATTEMPTS_HEADER = "voice-otp-webhook-attempts";

    private final KafkaOperations<String, Object> kafka;
    private final JsonMapper json;
    private final Duration ackTimeout;

    WebhookDeadLetters(KafkaOperations<String, Object> kafka, JsonMapper json, Duration ackTimeout) {
        this.kafka = kafka;
        this.json = json;
        this.ackTimeout = ackTimeout;
    }

    /** @return false when Kafka did not take it: the delivery stays queued and is given up again later */
    boolean send(String appId, WebhookQueue.Delivery delivery, String reason, int attempts) throws InterruptedException {
        RecordHeaders headers = new RecordHeaders();
        headers.add(APP_HEADER, appId.getBytes(StandardCharsets.UTF_8));
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ATTEMPTS_HEADER, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        JsonNode event = json.readTree(delivery.body());
        String key = appId + ":" + event.path("verificationId").asString("");
        try {
            kafka.send(new ProducerRecord<>(Topics.OTP_WEBHOOKS_DLT, null, key, event, headers))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
