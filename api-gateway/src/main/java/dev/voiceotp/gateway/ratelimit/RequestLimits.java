package dev.voiceotp.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.GatewayProperties.Limit;
import dev.voiceotp.gateway.refusal.RefusalReason;
import dev.voiceotp.gateway.refusal.RequestRefused;

/**
 * Takes one token from each bucket that applies to a request: its client address, its producer app, its number
 * block and its number. The buckets live in Redis, so every gateway instance draws from the same ones, and
 * {@code scripts/take-tokens.lua} takes from all of them in one round trip, all or none: a refused request takes
 * nothing from the others (a flood from one address must not use up the quota of the numbers it targets).
 *
 * <p>A script rather than a read and a compare-and-swap per bucket: a bucket that every request touches (an app's
 * quota, one flooding address, one number block under a toll-fraud run) would make parallel requests retry their
 * swaps against each other, multiplying Redis commands just when the traffic is highest, and turn a flood's 429s
 * into timeouts. In the script they queue on the server and each costs one run.
 *
 * <p>Limits come from configuration on every request, so changed limits apply at once after a deploy, also to
 * buckets that never go idle.
 */
@Component
public class RequestLimits {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TAKE_TOKENS = LuaScript.load("scripts/take-tokens.lua", List.class);
    private static final Duration APP_PERIOD = Duration.ofMinutes(1);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final Map<String, Bucket> appBuckets = new HashMap<>();
    private final Map<String, Integer> appQuotas = new HashMap<>();
    private final @Nullable Rate number;
    private final @Nullable Rate address;
    private final @Nullable Rate prefix;
    private final int prefixHiddenDigits;

    public RequestLimits(StringRedisTemplate redis, Clock clock, GatewayProperties properties, ProducerAppsProperties apps) {
        this.redis = redis;
        this.clock = clock;
        GatewayProperties.Limits limits = properties.limits();
        this.number = Rate.of(limits.number());
        this.address = Rate.of(limits.ip());
        this.prefix = Rate.of(limits.prefix());
        this.prefixHiddenDigits = limits.prefixHiddenDigits();
        for (ProducerAppsProperties.App app : apps.apps()) {
            Rate quota = Rate.of(new Limit(app.quotas().requestsPerMinute(), APP_PERIOD));
            if (quota != null) {
                appQuotas.put(app.id(), app.quotas().requestsPerMinute());
                appBuckets.put(app.id(), new Bucket(RefusalReason.RATE_LIMIT_APP, key("app", app.id()), quota));
            }
        }
    }

    /**
     * @param clientAddress the end user's address, or null when the request carries none worth limiting
     * @throws RequestRefused 429 naming the limit, with the wait until it allows the request
     * @throws org.springframework.dao.DataAccessException when Redis does not answer
     */
    public void check(String appId, String phoneNumber, @Nullable String clientAddress) {
        List<Bucket> buckets = new ArrayList<>(4);
        if (address != null && clientAddress != null) {
            buckets.add(new Bucket(RefusalReason.RATE_LIMIT_IP, key("ip", clientAddress), address));
        }
        Bucket appBucket = appBuckets.get(appId);
        if (appBucket != null) {
            buckets.add(appBucket);
        }
        if (prefix != null) {
            buckets.add(new Bucket(RefusalReason.RATE_LIMIT_PREFIX, key("prefix", blockOf(phoneNumber)), prefix));
        }
        if (number != null) {
            buckets.add(new Bucket(RefusalReason.RATE_LIMIT_NUMBER, key("number", phoneNumber), number));
        }
        if (buckets.isEmpty()) {
            return;
        }
        List<?> reply = redis.execute(TAKE_TOKENS, buckets.stream().map(Bucket::key).toList(), arguments(buckets));
        int refused = ((Long) reply.get(0)).intValue();
        if (refused > 0) {
            throw refusal(buckets.get(refused - 1).reason(), Duration.ofMillis((Long) reply.get(1)), appId);
        }
    }

    /** The number's block: the number without its last digits, so neighbouring numbers share one bucket. */
    String blockOf(String phoneNumber) {
        return phoneNumber.substring(0, Math.max(2, phoneNumber.length() - prefixHiddenDigits));
    }

    /** A bucket's key; the dispatch- prefix keeps the gateway's buckets apart from the verifier's counters. */
    static String key(String limit, String subject) {
        return RedisKeys.rateLimit("dispatch-" + limit, subject);
    }

    private Object[] arguments(List<Bucket> buckets) {
        Instant now = clock.instant();
        Object[] arguments = new Object[1 + 2 * buckets.size()];
        arguments[0] = Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
        for (int i = 0; i < buckets.size(); i++) {
            arguments[1 + 2 * i] = buckets.get(i).rate().intervalMicros();
            arguments[2 + 2 * i] = buckets.get(i).rate().spanMicros();
        }
        return arguments;
    }

    private RequestRefused refusal(RefusalReason reason, Duration wait, String appId) {
        String detail = switch (reason) {
            case RATE_LIMIT_IP -> "Too many verification requests from this client address.";
            case RATE_LIMIT_APP -> "This app's quota of " + appQuotas.get(appId) + " verification requests per minute is spent.";
            case RATE_LIMIT_PREFIX -> "Too many verification requests for numbers in this number block.";
            default -> "Too many verification requests for this number.";
        };
        return RequestRefused.tooMany(reason, detail + " Retry after the time in Retry-After.", wait);
    }

    /**
     * A limit as the script takes it, as text prepared once: a token every {@code intervalMicros}, at most
     * {@code capacity} of them at once, which is a span of {@code capacity * intervalMicros}.
     */
    private record Rate(String intervalMicros, String spanMicros) {

        static @Nullable Rate of(Limit limit) {
            if (!limit.enabled()) {
                return null;
            }
            long interval = Math.max(1, limit.refillPeriod().toNanos() / 1_000 / limit.capacity());
            return new Rate(Long.toString(interval), Long.toString(interval * limit.capacity()));
        }
    }

    private record Bucket(RefusalReason reason, String key, Rate rate) {
    }
}
