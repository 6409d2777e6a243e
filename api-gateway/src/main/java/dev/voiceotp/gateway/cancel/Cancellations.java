package dev.voiceotp.gateway.cancel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.event.CancelReason;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.contract.verification.VerificationRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cancels in one script (ownership, status, expiry and the write in one atomic step, one round trip), then
 * reports it: {@code otp.verifications.canceled} and a {@code canceled} event.
 */
@Service
class Cancellations {

    /** What became of a cancel request. */
    sealed interface Result {
        record Canceled(VerificationRecord record) implements Result {
        }

        record Finished(String status) implements Result {
        }

        record NotFound() implements Result {
        }
    }

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CANCEL = LuaScript.load("scripts/cancel-verification.lua", List.class);

    private final StringRedisTemplate redis;
    private final VerificationEvents events;
    private final MeterRegistry registry;
    private final Map<String, Counter> canceledByApp = new HashMap<>();

    Cancellations(StringRedisTemplate redis, VerificationEvents events, MeterRegistry registry, ProducerAppsProperties apps) {
        this.redis = redis;
        this.events = events;
        this.registry = registry;
        apps.apps().forEach(app -> canceledByApp.put(app.id(), counter(app.id())));
    }

    Result cancel(String appId, String id, Instant now) {
        List<?> reply = redis.execute(CANCEL, List.of(RedisKeys.verification(id), RedisKeys.pendingExpiries()),
                id, appId, Long.toString(now.toEpochMilli()), CancelReason.CANCELED_BY_APP.wireName());
        return switch ((String) reply.getFirst()) {
            case "canceled" -> canceled(appId, id, LuaScript.hashFrom(reply, 1), now);
            case "finished" -> new Result.Finished((String) reply.get(1));
            default -> new Result.NotFound();
        };
    }

    private Result canceled(String appId, String id, Map<String, String> hash, Instant now) {
        canceledByApp.computeIfAbsent(appId, this::counter).increment();
        events.canceled(new VerificationRef(id, appId, hash.get(VerificationFields.COUNTRY)), CancelReason.CANCELED_BY_APP, now);
        return new Result.Canceled(VerificationRecord.fromHash(id, hash)
                .orElseThrow(() -> new IllegalStateException("the cancel script returned an incomplete verification")));
    }

    private Counter counter(String appId) {
        return Counter.builder("otp.verifications.canceled")
                .description("Verifications canceled by their producer app")
                .tag("app", appId).register(registry);
    }
}
