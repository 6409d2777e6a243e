package dev.voiceotp.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.testsupport.TestRedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle-events script library on a real redis-server: a script's events land in the outbox stream in the
 * script's own run, readable as the relay reads them, or without an outbox come back to be sent straight to Kafka.
 */
class ScriptedEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TWO_EVENTS = LuaScript.load("scripts/two-lifecycle-events.lua", List.class, ScriptedEvents.LIBRARY);
    private static final Instant AT = Instant.parse("2026-12-06T03:00:00.250Z");

    private final StringRedisTemplate redis = TestRedis.template();
    // a stream of its own: the real outbox is read and emptied by the relays of other tests in this JVM
    private final String stream = "{otp}:test:outbox:" + UUID.randomUUID();
    private final AtomicInteger wakes = new AtomicInteger();
    private final List<OtpEvent> sentStraight = new ArrayList<>();

    @Test
    void shouldAppendTheEventsToTheOutboxInTheScriptsRunAndWakeTheRelayOnce() {
        ScriptedEvents events = new ScriptedEvents(wakes::incrementAndGet, sentStraight::add, JSON);

        List<?> reply = run(events);
        events.written(reply, 1);

        List<OtpEvent> stored = new ArrayList<>();
        for (MapRecord<String, Object, Object> entry : redis.opsForStream().read(StreamOffset.fromStart(stream))) {
            stored.add(JSON.readValue(String.valueOf(entry.getValue().get("event")), OtpEvent.class));
        }
        assertThat(reply.getFirst()).isEqualTo("done");
        assertThat(reply).hasSize(3);
        assertThat(stored).hasSize(2);
        assertTheTwoEvents(stored);
        assertThat(wakes).hasValue(1);
        assertThat(sentStraight).isEmpty();
    }

    @Test
    void shouldReturnTheEventsToBeSentStraightToKafkaWithoutAnOutbox() {
        ScriptedEvents events = new ScriptedEvents(null, sentStraight::add, JSON);

        events.written(run(events), 1);

        assertThat(redis.hasKey(stream)).isFalse();
        assertTheTwoEvents(sentStraight);
    }

    @Test
    void shouldNeitherWakeNorSendForAScriptThatWroteNoEvent() {
        ScriptedEvents events = new ScriptedEvents(wakes::incrementAndGet, sentStraight::add, JSON);

        events.written(List.of("ignored"), 1);

        assertThat(wakes).hasValue(0);
        assertThat(sentStraight).isEmpty();
    }

    private List<?> run(ScriptedEvents events) {
        try {
            return redis.execute(TWO_EVENTS, List.of(stream), events.arguments(AT, 2).toArray());
        } finally {
            redis.expire(stream, java.time.Duration.ofMinutes(1));
        }
    }

    private static void assertTheTwoEvents(List<OtpEvent> events) {
        assertThat(events).extracting(OtpEvent::type).containsExactly(OtpEventType.CALL_PLACED, OtpEventType.FAILED);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.version()).isEqualTo(OtpEvent.VERSION);
            assertThat(event.verificationId()).isEqualTo("verification-1");
            assertThat(event.appId()).isEqualTo("shop");
            assertThat(event.occurredAt()).isEqualTo(AT);
            assertThat(event.key()).isEqualTo("shop:verification-1");
        });
        assertThat(events).extracting(OtpEvent::eventId).doesNotHaveDuplicates().allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
        OtpEvent placed = events.get(0);
        assertThat(placed.country()).isEqualTo("US");
        assertThat(placed.callStatus()).isEqualTo("queued");
        assertThat(placed.reason()).isNull();
        OtpEvent failed = events.get(1);
        assertThat(failed.country()).isNull();
        assertThat(failed.callStatus()).isNull();
        assertThat(failed.hangupCause()).isNull();
        assertThat(failed.reason()).isEqualTo("call_busy");
    }
}
