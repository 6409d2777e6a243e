package dev.voiceotp.contract.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Maps a bearer API key to its producer app by the key's SHA-256 digest. Looking the digest up in a map
 * leaks nothing useful through timing: an attacker learns at most about digests of keys they chose.
 */
public final class ApiKeyAuthenticator {

    private static final String BEARER_PREFIX = "Bearer ";
    /** The digest each request's is cloned from; never used itself, so never shared between threads. */
    private static final MessageDigest SHA_256 = newSha256();

    private final Map<String, ProducerApp> appsByKeyDigest = new HashMap<>();
    private final Map<String, ProducerApp> appsById = new HashMap<>();

    public ApiKeyAuthenticator(ProducerAppsProperties properties) {
        for (ProducerAppsProperties.App app : properties.apps()) {
            ProducerApp producerApp = new ProducerApp(app.id(), app.name());
            if (appsById.put(app.id(), producerApp) != null) {
                throw new IllegalStateException("producer app id configured twice: " + app.id());
            }
            for (String digest : app.apiKeySha256()) {
                if (appsByKeyDigest.put(digest, producerApp) != null) {
                    throw new IllegalStateException("API key digest configured for two apps: " + app.id());
                }
            }
        }
    }

    /** The app whose key is in an {@code Authorization: Bearer <key>} header, if any. */
    public Optional<ProducerApp> authenticate(@Nullable String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Optional.empty();
        }
        String key = authorizationHeader.substring(BEARER_PREFIX.length()).trim();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(appsByKeyDigest.get(sha256Hex(key)));
    }

    public Optional<ProducerApp> appById(String appId) {
        return Optional.ofNullable(appsById.get(appId));
    }

    /** SHA-256 of a key as lower-case hex: what {@code voice-otp.apps[].api-key-sha256} expects. */
    public static String sha256Hex(String apiKey) {
        return HexFormat.of().formatHex(sha256().digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh digest, cloned: looking SHA-256 up among the providers on every request cost more than hashing the key. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
