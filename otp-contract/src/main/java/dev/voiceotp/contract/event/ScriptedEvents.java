package dev.voiceotp.contract.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.verification.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lifecycle events written by the Redis script that makes the change they report ({@value #LIBRARY}), so that the
 * change and its event are one atomic step: a service that dies, or loses Redis, right after the change cannot lose
 * the event, and the event costs no round trip of its own. With an event outbox the script appends the events to it
 * and the relay is woken; without one ({@code voice-otp.events.outbox.enabled=false}) the script only returns them
 * and they are sent straight to Kafka from here.
 *
 * <p>A caller declares {@link #outboxKey()} among the script's keys, passes {@link #arguments} where the script
 * expects them, and hands the reply to {@link #written}.
 */
public final class ScriptedEvents {

    /** The script library that writes the events; see its header for the arguments. */
    public static final String LIBRARY = "scripts/lifecycle-events.lua";

    private final @Nullable Runnable wakeRelay;
    private final Consumer<OtpEvent> sendStraight;
    private final JsonMapper json;

    /** @param relay the service's outbox relay; null without an outbox, when events go to Kafka through {@code publisher} */
    public ScriptedEvents(@Nullable OutboxRelay relay, OtpEventPublisher publisher, JsonMapper json) {
        this(relay == null ? null : relay::wake, publisher::publish, json);
    }

    /**
     * @param wakeRelay wakes the outbox relay once a script wrote events; null without an outbox
     * @param sendStraight sends one event to Kafka, without an outbox
     */
    public ScriptedEvents(@Nullable Runnable wakeRelay, Consumer<OtpEvent> sendStraight, JsonMapper json) {
        this.wakeRelay = wakeRelay;
        this.sendStraight = sendStraight;
        this.json = json;
    }

    /** The event outbox stream, a key of every script that writes events (with or without an outbox: a cluster checks keys). */
    public String outboxKey() {
        return RedisKeys.eventOutbox();
    }

    /**
     * The library's arguments: whether to append to the outbox, the time the events carry, and {@code events} new
     * event ids (at least as many as the script may write).
     */
    public List<String> arguments(Instant at, int events) {
        List<String> arguments = new ArrayList<>(2 + events);
        arguments.add(wakeRelay != null ? "1" : "0");
        arguments.add(at.toString());
        for (int i = 0; i < events; i++) {
            arguments.add(UUID.randomUUID().toString());
        }
        return arguments;
    }

    /**
     * What to do once the script ran: {@code reply} holds, from index {@code first}, the events it wrote (their
     * JSON). The relay is woken for them, or without an outbox they are sent to Kafka now.
     */
    public void written(@Nullable List<?> reply, int first) {
        if (reply == null || reply.size() <= first) {
            return;
        }
        if (wakeRelay != null) {
            wakeRelay.run();
            return;
        }
        for (int i = first; i < reply.size(); i++) {
            sendStraight.accept(json.readValue(String.valueOf(reply.get(i)), OtpEvent.class));
        }
    }
}
