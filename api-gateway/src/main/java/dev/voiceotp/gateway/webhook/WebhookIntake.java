package dev.voiceotp.gateway.webhook;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code otp.events.v1} in a group of its own and queues each event an app asked for in the lane of its
 * verification. The offset is committed only after the event is queued in Redis (the listener's error handler tries
 * a failed record again until Redis takes it), and queueing is idempotent by event id, so every event is delivered at
 * least once and a record read twice is queued once. Runs only where {@link WebhookLanes#active()}: an installation
 * without callbacks does not read the topic at all.
 *
 * <p>The body is the event exactly as on the topic (the schema in docs/kafka-contract.md), plus {@code phoneNumber}
 * for an app that opted in to it; never a code.
 */
final class WebhookIntake {

    static final String ID = "webhook-intake";
    static final String GROUP = "api-gateway-webhooks";

    private final WebhookLanes lanes;
    private final WebhookQueue queue;
    private final StringRedisTemplate redis;
    private final JsonMapper json;

    WebhookIntake(WebhookLanes lanes, WebhookQueue queue, StringRedisTemplate redis, JsonMapper json) {
        this.lanes = lanes;
        this.queue = queue;
        this.redis = redis;
        this.json = json;
    }

    /**
     * A group's first start begins at the end of the topic ({@code voice-otp.gateway.webhooks.first-start}): turning
     * callbacks on does not send an app the history the topic still retains.
     */
    @KafkaListener(id = ID, groupId = GROUP, topics = Topics.OTP_EVENTS, autoStartup = "#{@webhookLanes.active()}", properties = {
            "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
            "auto.offset.reset=${voice-otp.gateway.webhooks.first-start:latest}"})
    void intake(ConsumerRecord<String, String> record) {
        String key = record.key();
        int colon = key == null ? -1 : key.indexOf(':');
        AppCallback callback = colon < 0 ? null : lanes.callbackOf(key.substring(0, colon));
        ObjectNode event = callback == null ? null : parse(record.value());
        if (callback == null || event == null) {
            return;
        }
        OtpEventType type = type(event);
        String eventId = event.path("eventId").asString("");
        String verificationId = event.path("verificationId").asString("");
        if (type == null || !callback.wants(type) || eventId.isEmpty() || verificationId.isEmpty()) {
            return;
        }
        if (callback.includePhoneNumber()) {
            event.put("phoneNumber", (String) redis.<String, String>opsForHash().get(RedisKeys.verification(verificationId),
                    VerificationFields.PHONE));
        }
        WebhookQueue.Lane lane = lanes.laneOf(callback.appId(), verificationId);
        if (queue.enqueue(lane, eventId, json.writeValueAsString(event))) {
            lanes.wake(lane);
        }
    }

    private @Nullable ObjectNode parse(@Nullable String value) {
        try {
            JsonNode node = value == null ? null : json.readTree(value);
            return node instanceof ObjectNode object ? object : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable OtpEventType type(ObjectNode event) {
        try {
            return OtpEventType.fromWireName(event.path("type").asString(""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
