package dev.voiceotp.launcher;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Ports, the demo producer app and the secrets of one local run. Secrets are fresh random values each run
 * (nothing secret is in the repository); the demo API key is fixed so that the README's examples work, and
 * can be changed with {@code VOICE_OTP_DEMO_API_KEY}. Plivo credentials in the environment
 * ({@code PLIVO_AUTH_ID}, {@code PLIVO_AUTH_TOKEN}, {@code PLIVO_FROM_NUMBER}, {@code WORKER_PUBLIC_BASE_URL})
 * switch the worker from the sandbox to the real Plivo.
 */
record LocalSettings(int gatewayPort, int workerPort, int verifierPort, int sandboxPort, int redisPort,
        String demoAppId, String demoApiKey, String secondApiKey, String hmacSecret, String promptKey, String sandboxAuthToken,
        @Nullable RealPlivo realPlivo, String javaOptions, boolean limitsOff) {

    static final String SANDBOX_AUTH_ID = "MAVOICEOTPSANDBOX001";
    static final String SANDBOX_FROM_NUMBER = "+14155550100";
    /** The PHLO the sandbox plays for PHLO deliveries (any id works there). */
    static final String SANDBOX_PHLO_ID = "local-voice-otp-phlo";
    /** A second producer app, so that isolation between apps can be tried locally. */
    static final String SECOND_APP_ID = "demo-two";

    /** Credentials of a real Plivo account, when the environment provides them. */
    record RealPlivo(String authId, String authToken, String fromNumber, String publicBaseUrl) {
    }

    static LocalSettings fromEnvironment(Map<String, String> env) {
        return new LocalSettings(
                port(env, "GATEWAY_PORT", 8080), port(env, "WORKER_PORT", 8081), port(env, "VERIFIER_PORT", 8082),
                port(env, "SANDBOX_PORT", 8090), port(env, "REDIS_PORT", 6379),
                "demo", env.getOrDefault("VOICE_OTP_DEMO_API_KEY", "local-demo-key"),
                env.getOrDefault("VOICE_OTP_SECOND_API_KEY", "local-second-key"),
                randomSecret(32), Base64.getEncoder().encodeToString(randomBytes(32)), randomSecret(24),
                realPlivo(env).orElse(null),
                env.getOrDefault("VOICE_OTP_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC"),
                "off".equalsIgnoreCase(env.getOrDefault("VOICE_OTP_LOCAL_LIMITS", "on")));
    }

    /** The same settings on other ports, for tests that must not collide with a running local system. */
    LocalSettings withPorts(int gateway, int worker, int verifier, int sandbox, int redis) {
        return new LocalSettings(gateway, worker, verifier, sandbox, redis, demoAppId, demoApiKey, secondApiKey, hmacSecret, promptKey,
                sandboxAuthToken, realPlivo, javaOptions, limitsOff);
    }

    private static Optional<RealPlivo> realPlivo(Map<String, String> env) {
        String authId = env.get("PLIVO_AUTH_ID");
        String authToken = env.get("PLIVO_AUTH_TOKEN");
        if (authId == null || authId.isBlank() || authToken == null || authToken.isBlank()) {
            return Optional.empty();
        }
        String from = require(env, "PLIVO_FROM_NUMBER", "the caller id of real calls, in E.164");
        String publicUrl = require(env, "WORKER_PUBLIC_BASE_URL", "the public https address at which Plivo reaches the worker");
        return Optional.of(new RealPlivo(authId, authToken, from, publicUrl));
    }

    private static String require(Map<String, String> env, String name, String what) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("With Plivo credentials set, " + name + " is required: " + what);
        }
        return value;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)));
    }

    private static String randomSecret(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
