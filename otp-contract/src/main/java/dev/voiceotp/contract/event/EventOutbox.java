package dev.voiceotp.contract.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lifecycle events on their way to Kafka, kept in a Redis stream ({@link RedisKeys#eventOutbox()}) until Kafka has
 * acknowledged them, so that an event outlives a broker outage and the instance that wrote it. Redis already holds
 * the state change an event reports; the event joins it there and leaves only once Kafka has it.
 *
 * <p>The stream is read in one consumer group by every instance's {@link OutboxRelay}: an entry is handed to one
 * relay, which acknowledges and deletes it after Kafka's ack, in the same script run as its next read; an entry that
 * a relay read and never acknowledged (it died, or Kafka refused) is claimed by a relay once it has been idle for a
 * while. Hence at least once: an event can reach Kafka twice, with the same {@link OtpEvent#eventId()}.
 */
public final class EventOutbox {

    static final String GROUP = "event-relay";
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> DONE_THEN_READ = LuaScript.load("scripts/outbox-done-then-read.lua", List.class);
    private static final String FIELD = "event";

    private final StringRedisTemplate redis;
    private final StreamOperations<String, String, String> streams;
    private final JsonMapper json;
    private final String key = RedisKeys.eventOutbox();

    public EventOutbox(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.streams = redis.opsForStream();
        this.json = json;
    }

    /**
     * Keeps the event until a relay has it on Kafka.
     *
     * @throws DataAccessException when Redis does not take it
     */
    public void append(OtpEvent event) {
        streams.add(StreamRecords.string(Map.of(FIELD, json.writeValueAsString(event))).withStreamKey(key));
    }

    /** Creates the relays' consumer group (and the stream) unless it exists; new groups start at the oldest entry. */
    void createGroup() {
        try {
            streams.createGroup(key, ReadOffset.from("0"), GROUP);
        } catch (RedisSystemException e) {
            if (!String.valueOf(e.getMostSpecificCause().getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * Acknowledges and deletes {@code done} (entries Kafka has, or that can never be sent), then hands up to
     * {@code count} entries no relay has read yet to {@code consumer}: one script run (outbox-done-then-read.lua).
     */
    List<Entry> doneThenTakeNew(List<RecordId> done, String consumer, int count) {
        List<?> taken = run(done, consumer, count);
        List<Entry> entries = new ArrayList<>(taken.size() / 2);
        for (int i = 0; i + 1 < taken.size(); i += 2) {
            String event = String.valueOf(taken.get(i + 1));
            entries.add(new Entry(RecordId.of(String.valueOf(taken.get(i))), parse(event.isEmpty() ? null : event)));
        }
        return entries;
    }

    /**
     * Up to {@code count} entries read by any relay and left unacknowledged for at least {@code idle}, now handed to
     * {@code consumer}: those of a relay that died, and this relay's own failed ones.
     */
    List<Entry> claimIdle(String consumer, Duration idle, int count) {
        List<RecordId> ids = new ArrayList<>();
        for (PendingMessage pending : streams.pending(key, GROUP, Range.unbounded(), count, idle)) {
            ids.add(pending.getId());
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return entries(streams.claim(key, GROUP, consumer, idle, ids.toArray(RecordId[]::new)));
    }

    /** Acknowledges and deletes entries Kafka has (or that can never be sent), reading nothing. */
    void done(List<RecordId> ids) {
        if (!ids.isEmpty()) {
            run(ids, "", 0);
        }
    }

    private List<?> run(List<RecordId> done, String consumer, int count) {
        Object[] arguments = new Object[done.size() + 3];
        arguments[0] = GROUP;
        arguments[1] = consumer;
        arguments[2] = Integer.toString(count);
        for (int i = 0; i < done.size(); i++) {
            arguments[i + 3] = done.get(i).getValue();
        }
        List<?> taken = redis.execute(DONE_THEN_READ, List.of(key), arguments);
        return taken == null ? List.of() : taken;
    }

    /** Entries waiting in the stream, relayed or not. */
    long size() {
        Long size = streams.size(key);
        return size == null ? 0 : size;
    }

    /** Leaves the group when the relay stops with nothing of its own pending, so that stopped relays do not pile up. */
    void leave(String consumer) {
        if (streams.pending(key, Consumer.from(GROUP, consumer)).isEmpty()) {
            streams.deleteConsumer(key, Consumer.from(GROUP, consumer));
        }
    }

    private List<Entry> entries(List<MapRecord<String, String, String>> records) {
        List<Entry> entries = new ArrayList<>(records.size());
        for (MapRecord<String, String, String> record : records) {
            entries.add(new Entry(record.getId(), parse(record.getValue().get(FIELD))));
        }
        return entries;
    }

    private @Nullable OtpEvent parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, OtpEvent.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * One entry of the stream.
     *
     * @param event null when the entry cannot be read as an event (never sendable: dropped and counted)
     */
    record Entry(RecordId id, @Nullable OtpEvent event) {
    }
}
