package dev.voiceotp.worker.prompt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.RedisKeys;

/**
 * The short-lived, encrypted copy of a code that the answer webhook reads to the callee, found by an
 * opaque random call token (the only thing the answer URL carries). The value is
 * {@code <verificationId> [<sealed code>]} written with its expiry in one command, so no copy can outlive
 * the call; the hangup webhook drops the sealed part and keeps the id for late callbacks.
 */
@Component
public class CallPromptStore {

    private static final char SEPARATOR = ' ';

    private final StringRedisTemplate redis;
    private final PromptCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public CallPromptStore(StringRedisTemplate redis, PromptCipher cipher) {
        this.redis = redis;
        this.cipher = cipher;
    }

    /** What the answer webhook needs: whose code, and the code. */
    public record Prompt(String verificationId, String code) {
        @Override
        public String toString() {
            return "Prompt[verificationId=" + verificationId + ", code=<hidden>]";
        }
    }

    /** Stores the code for one call and returns the call token. */
    public String store(String verificationId, String code, Duration lifetime) {
        String token = newToken();
        redis.opsForValue().set(RedisKeys.callPrompt(token), verificationId + SEPARATOR + cipher.encrypt(code, token), lifetime);
        return token;
    }

    /**
     * A call token with nothing stored behind it, for a delivery that never fetches a prompt or calls back (a PHLO
     * run carries its code in the run's payload): the token only claims the attempt.
     */
    public String newCallToken() {
        return newToken();
    }

    public Optional<Prompt> find(String token) {
        String value = redis.opsForValue().get(RedisKeys.callPrompt(token));
        int separator = value == null ? -1 : value.indexOf(SEPARATOR);
        if (value == null || separator < 0) {
            return Optional.empty();
        }
        return Optional.of(new Prompt(value.substring(0, separator), cipher.decrypt(value.substring(separator + 1), token)));
    }

    /** The verification a call token belongs to, even after its code copy is gone. */
    public Optional<String> verificationIdOf(String token) {
        return Optional.ofNullable(verificationIdIn(redis.opsForValue().get(RedisKeys.callPrompt(token))));
    }

    /** Deletes the copy and its token: for an attempt that was never claimed, so no call can carry the token. */
    public void discard(String token) {
        redis.delete(RedisKeys.callPrompt(token));
    }

    /** Forgets the code copy; the token keeps naming its verification until it expires, for late callbacks. */
    public void forgetCode(String token) {
        verificationIdOf(token).ifPresent(verificationId -> redis.execute(connection -> connection.stringCommands().set(
                RedisKeys.callPrompt(token).getBytes(StandardCharsets.UTF_8), verificationId.getBytes(StandardCharsets.UTF_8),
                Expiration.keepTtl(), SetOption.SET_IF_PRESENT), true));
    }

    private static @Nullable String verificationIdIn(@Nullable String value) {
        if (value == null) {
            return null;
        }
        int separator = value.indexOf(SEPARATOR);
        return separator < 0 ? value : value.substring(0, separator);
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
