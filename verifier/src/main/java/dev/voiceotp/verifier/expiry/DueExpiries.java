package dev.voiceotp.verifier.expiry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;

/** Runs {@code scripts/take-expired.lua}: the atomic take that lets several instances sweep side by side. */
@Component
class DueExpiries {

    @SuppressWarnings({"unchecked", "rawtypes"}) // a Lua table comes back as a List; the script returns only strings
    private static final RedisScript<List<String>> TAKE_EXPIRED =
            (RedisScript) LuaScript.load("scripts/take-expired.lua", List.class);
    private static final String VERIFICATION_KEY_PREFIX = RedisKeys.verification("");
    private static final int FIELDS_PER_VERIFICATION = 5;

    private final StringRedisTemplate redis;

    DueExpiries(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** What one run took off the set, and which of those expired while pending. */
    record Batch(int taken, List<ExpiredVerification> expired) {
    }

    Batch take(long nowMillis, int limit) {
        List<String> reply = redis.execute(TAKE_EXPIRED, List.of(RedisKeys.pendingExpiries()),
                Long.toString(nowMillis), Integer.toString(limit), VERIFICATION_KEY_PREFIX);
        if (reply == null || reply.isEmpty()) {
            throw new IllegalStateException("the expiry script answered nothing");
        }
        List<ExpiredVerification> expired = new ArrayList<>();
        for (int i = 1; i + FIELDS_PER_VERIFICATION <= reply.size(); i += FIELDS_PER_VERIFICATION) {
            expired.add(new ExpiredVerification(reply.get(i), reply.get(i + 1),
                    Instant.ofEpochMilli(Long.parseLong(reply.get(i + 2))), PhoneNumbers.regionOf(reply.get(i + 3), reply.get(i + 4))));
        }
        return new Batch(Integer.parseInt(reply.getFirst()), expired);
    }
}
