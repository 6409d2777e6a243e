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

    /**
     * The copy of one call's code, sealed under a new call token, not yet stored: for a writer that stores it with
     * other work (the call's claim), under {@link RedisKeys#callPrompt} of the token.
     *
     * @param value what is stored behind the token: the verification id and the sealed code; empty for none
     */
    public record SealedCopy(String token, String value) {

        /** A call token with no copy to store behind it (see {@link #newCallToken()}). */
        public static SealedCopy tokenOnly(String token) {
            return new SealedCopy(token, "");
        }

        @Override
        public String toString() {
            return "SealedCopy[token=" + token + ", value=<sealed>]";
        }
    }

    /** Seals the code for one call under a new call token, without storing it. */
    public SealedCopy seal(String verificationId, String code) {
        String token = newToken();
        return new SealedCopy(token, verificationId + SEPARATOR + cipher.encrypt(code, token));
    }

    /** Stores the code for one call and returns the call token. */
    public String store(String verificationId, String code, Duration lifetime) {
        SealedCopy copy = seal(verificationId, code);
        redis.opsForValue().set(RedisKeys.callPrompt(copy.token()), copy.value(), lifetime);
        return copy.token();
    }

    /**
     * A call token with nothing stored behind it, for a delivery that never fetches a prompt or calls back (a PHLO
     * run carries its code in the run's payload): the token only claims the attempt.
     */
    public String newCallToken() {
        return newToken();
    }

    public Optional<Prompt> find(String token) {
        return lookup(token).flatMap(Lookup::prompt);
    }

    /** The verification a call token belongs to, even after its code copy is gone. */
    public Optional<String> verificationIdOf(String token) {
        return lookup(token).map(Lookup::verificationId);
    }

    /**
     * What a call token names, read once: for a webhook that needs both whether the token is known and, while the
     * copy is kept, the code.
     */
    public Optional<Lookup> lookup(String token) {
        return lookup(token, redis.opsForValue().get(RedisKeys.callPrompt(token)));
    }

    /**
     * {@link #lookup(String)} for a value read along with other work (the key is {@link RedisKeys#callPrompt}).
     *
     * @param value what was stored behind the token; null or empty when nothing was
     */
    public Optional<Lookup> lookup(String token, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        int separator = value.indexOf(SEPARATOR);
        return Optional.of(separator < 0 ? new Lookup(value, null, token)
                : new Lookup(value.substring(0, separator), value.substring(separator + 1), token));
    }

    /** A known call token: its verification, and its sealed code until the copy is forgotten. */
    public final class Lookup {

        private final String verificationId;
        private final @Nullable String sealedCode;
        private final String token;

        private Lookup(String verificationId, @Nullable String sealedCode, String token) {
            this.verificationId = verificationId;
            this.sealedCode = sealedCode;
            this.token = token;
        }

        public String verificationId() {
            return verificationId;
        }

        /** The code, unsealed only when asked for; empty once the copy is forgotten. */
        public Optional<Prompt> prompt() {
            return sealedCode == null ? Optional.empty() : Optional.of(new Prompt(verificationId, cipher.decrypt(sealedCode, token)));
        }
    }

    /** Forgets the code copy; the token keeps naming its verification until it expires, for late callbacks. */
    public void forgetCode(String token) {
        verificationIdOf(token).ifPresent(verificationId -> forgetCode(token, verificationId));
    }

    /**
     * {@link #forgetCode(String)} for a caller that already read the token's verification (a token names one
     * verification for its whole life): one round trip instead of two.
     */
    public void forgetCode(String token, String verificationId) {
        redis.execute(connection -> connection.stringCommands().set(RedisKeys.callPrompt(token).getBytes(StandardCharsets.UTF_8),
                verificationId.getBytes(StandardCharsets.UTF_8), Expiration.keepTtl(), SetOption.SET_IF_PRESENT), true);
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
