package dev.voiceotp.worker;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.contract.plivo.PlivoSignatureV3;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.prompt.CallPromptStore;

/**
 * Plivo callbacks made by hand, signed like Plivo signs them, for what the sandbox does not do on its own
 * (replaying one byte for byte, reporting a machine): and a verification in the state the worker leaves it
 * in once Plivo has accepted its call.
 */
public final class SignedCallbacks {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public SignedCallbacks(int port) {
        this.port = port;
    }

    /** A pending verification whose call Plivo accepted; returns the call token its webhooks carry. */
    public static String placedCall(StringRedisTemplate redis, CallPromptStore prompts, String verificationId, String code) {
        Instant now = Instant.now();
        String key = RedisKeys.verification(verificationId);
        String token = prompts.store(verificationId, code, Duration.ofMinutes(5));
        redis.opsForHash().putAll(key, Map.ofEntries(Map.entry("app", "shop"), Map.entry("phone", "+14155550123"),
                Map.entry("status", "pending"), Map.entry("createdAt", Long.toString(now.toEpochMilli())),
                Map.entry("expiresAt", Long.toString(now.plusSeconds(600).toEpochMilli())), Map.entry("codeHash", "hash"),
                Map.entry("callToken", token), Map.entry("callPlacedToken", token), Map.entry("callAttempts", "1"),
                Map.entry("callState", "placed"), Map.entry("callStatus", "queued"), Map.entry("callStage", "0")));
        redis.expire(key, Duration.ofMinutes(15));
        return token;
    }

    /** POSTs form parameters to a webhook path, signed (V3) with the sandbox account's token and this nonce. */
    public HttpResponse<String> post(String path, Map<String, String> parameters, String nonce) {
        String url = "http://localhost:" + port + path;
        String body = new TreeMap<>(parameters).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Plivo-Signature-V3", PlivoSignatureV3.sign(EmbeddedPlivoSandbox.AUTH_TOKEN, "POST", url, parameters, nonce))
                    .header("X-Plivo-Signature-V3-Nonce", nonce)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
