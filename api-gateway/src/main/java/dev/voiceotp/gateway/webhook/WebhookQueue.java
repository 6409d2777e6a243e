package dev.voiceotp.gateway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.gateway.GatewayRedisKeys;

/**
 * The deliveries waiting for each app, in Redis so that a restart or another gateway instance picks them up: per app
 * a few lanes (lists, oldest first), a lease per lane so one instance at a time delivers it, and the attempts of
 * each lane's head. Every step is one script, so a step is atomic and one round trip.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // a Lua table comes back as a raw List of strings
final class WebhookQueue {

    private static final RedisScript<Long> ENQUEUE = LuaScript.load("scripts/webhook-enqueue.lua", Long.class);
    private static final RedisScript<List> NEXT = LuaScript.load("scripts/webhook-next.lua", List.class);
    private static final RedisScript<Long> SETTLE = LuaScript.load("scripts/webhook-settle.lua", Long.class);
    private static final RedisScript<Long> RELEASE = LuaScript.load("scripts/webhook-release.lua", Long.class);

    private final StringRedisTemplate redis;
    private final String instance;
    private final String leaseMillis;
    private final String markerMillis;

    /**
     * @param instance this gateway instance's id, the lease holder's name
     * @param lease how long a lane stays with an instance that stopped renewing it
     * @param markerLife how long a queued event is remembered, so that reading it again does not queue it again
     */
    WebhookQueue(StringRedisTemplate redis, String instance, Duration lease, Duration markerLife) {
        this.redis = redis;
        this.instance = instance;
        this.leaseMillis = Long.toString(lease.toMillis());
        this.markerMillis = Long.toString(markerLife.toMillis());
    }

    /** A lane of one app. */
    record Lane(String appId, int number) {
        List<String> keys() {
            return List.of(GatewayRedisKeys.webhookLease(appId, number), GatewayRedisKeys.webhookQueue(appId, number),
                    GatewayRedisKeys.webhookAttempts(appId, number));
        }
    }

    /** A queued delivery and its failed attempts so far. */
    record Delivery(String eventId, String body, int attempts, @Nullable Instant firstAttempt, @Nullable Instant nextAttempt) {
    }

    /** What a lane has for this instance. */
    sealed interface Next {
    }

    /** Another instance delivers the lane. */
    record Leased() implements Next {
    }

    record Empty() implements Next {
    }

    record Head(Delivery delivery) implements Next {
    }

    /** @return false when the event was queued before (read again after a restart) */
    boolean enqueue(Lane lane, String eventId, String body) {
        Long queued = redis.execute(ENQUEUE, List.of(GatewayRedisKeys.webhookSeen(lane.appId(), eventId),
                GatewayRedisKeys.webhookQueue(lane.appId(), lane.number())), eventId + '\n' + body, markerMillis);
        return queued != null && queued == 1;
    }

    /** Takes or renews the lane's lease and reads its head. */
    Next next(Lane lane) {
        List<String> reply = redis.execute(NEXT, lane.keys(), instance, leaseMillis);
        return switch (reply == null || reply.isEmpty() ? "empty" : reply.getFirst()) {
            case "leased" -> new Leased();
            case "item" -> new Head(delivery(reply));
            default -> new Empty();
        };
    }

    /** Removes the head (delivered or dead-lettered); false when the lease or the head changed meanwhile. */
    boolean done(Lane lane, String eventId) {
        return settled(redis.execute(SETTLE, lane.keys(), instance, eventId, "done"));
    }

    /** Records a failed attempt of the head and when to try again. */
    boolean retryLater(Lane lane, String eventId, int attempts, Instant first, Instant next) {
        return settled(redis.execute(SETTLE, lane.keys(), instance, eventId, "retry", Integer.toString(attempts),
                Long.toString(first.toEpochMilli()), Long.toString(next.toEpochMilli())));
    }

    void release(Lane lane) {
        redis.execute(RELEASE, List.of(GatewayRedisKeys.webhookLease(lane.appId(), lane.number())), instance);
    }

    private static Delivery delivery(List<String> reply) {
        String item = reply.get(1);
        int newline = item.indexOf('\n');
        String eventId = item.substring(0, newline);
        boolean retried = eventId.equals(reply.get(2));
        return new Delivery(eventId, item.substring(newline + 1), retried ? Integer.parseInt(reply.get(3)) : 0,
                retried ? instant(reply.get(4)) : null, retried ? instant(reply.get(5)) : null);
    }

    private static @Nullable Instant instant(String millis) {
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static boolean settled(@Nullable Long reply) {
        return reply != null && reply == 1;
    }
}
