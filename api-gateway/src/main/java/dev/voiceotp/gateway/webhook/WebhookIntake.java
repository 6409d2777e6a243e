package dev.voiceotp.gateway.webhook;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.contract.verification.VerificationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    static final String SKIPPED = "otp.webhooks.skipped";
    /** Why an event is skipped: it names another app's verification, or an approval the verification contradicts. */
    static final List<String> SKIP_REASONS = List.of("other_app", "not_approved");

    private final WebhookLanes lanes;
    private final WebhookQueue queue;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final MeterRegistry meters;

    WebhookIntake(WebhookLanes lanes, WebhookQueue queue, StringRedisTemplate redis, JsonMapper json, MeterRegistry meters,
            List<String> appsWithCallbacks) {
        this.lanes = lanes;
        this.queue = queue;
        this.redis = redis;
        this.json = json;
        this.meters = meters;
        // registered up front: a forged record is an event to alert on, from its first occurrence
        appsWithCallbacks.forEach(app -> SKIP_REASONS.forEach(reason -> skipped(app, reason)));
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
        if (type == OtpEventType.APPROVED || callback.includePhoneNumber()) {
            Stored stored = stored(verificationId);
            String inconsistency = stored.inconsistencyWith(callback.appId(), type);
            if (inconsistency != null) {
                log.warn("Event {} ({}) for app {} skipped ({}): verification {} belongs to another app or is not in that state",
                        eventId, type.wireName(), callback.appId(), inconsistency, verificationId);
                skipped(callback.appId(), inconsistency).increment();
                return;
            }
            if (callback.includePhoneNumber()) {
                event.put("phoneNumber", stored.phone());
            }
        }
        WebhookQueue.Lane lane = lanes.laneOf(callback.appId(), verificationId);
        if (queue.enqueue(lane, eventId, json.writeValueAsString(event))) {
            lanes.wake(lane);
        }
    }

    /**
     * What Redis holds of the verification an event names, read for the events where a record written by someone else
     * would do harm (the topic's records carry no signature): an approval, which the app may act on, and an event
     * that brings the person's number along. All null once the verification is gone (its retention ended).
     */
    private record Stored(@Nullable String app, @Nullable String phone, @Nullable String status) {

        /**
         * Why the event cannot be the verification's own, one of {@link #SKIP_REASONS}; null when it can (also once
         * the verification is gone: then nothing can be checked).
         */
        @Nullable String inconsistencyWith(String appId, OtpEventType type) {
            if (app == null) {
                return null;
            }
            if (!app.equals(appId)) {
                return "other_app";
            }
            return type == OtpEventType.APPROVED && !VerificationStatus.APPROVED.wireName().equals(status) ? "not_approved" : null;
        }
    }

    private Counter skipped(String app, String reason) {
        return Counter.builder(SKIPPED).description("Events of otp.events.v1 not delivered as webhooks because they contradict "
                + "the verification they name (a record the services did not write)").tag("app", app).tag("reason", reason).register(meters);
    }

    private Stored stored(String verificationId) {
        List<String> fields = redis.<String, String>opsForHash().multiGet(RedisKeys.verification(verificationId),
                List.of(VerificationFields.APP, VerificationFields.PHONE, VerificationFields.STATUS));
        return new Stored(fields.get(0), fields.get(1), fields.get(2));
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
