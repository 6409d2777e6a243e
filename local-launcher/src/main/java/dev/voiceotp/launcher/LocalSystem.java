package dev.voiceotp.launcher;

import static dev.voiceotp.launcher.ServiceProcess.json;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.testsupport.KafkaBroker;
import dev.voiceotp.testsupport.RedisServerProcess;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system on this machine: Kafka and Redis in or beside this JVM, then the Plivo sandbox (unless
 * real Plivo credentials are set) and the three services, each in its own JVM, configured to find each
 * other. Closing it stops everything in reverse order.
 */
final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final LocalSettings settings;
    private final Path logDir;
    private final Path projectDir = findProjectDir();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private KafkaBroker kafka;
    private RedisServerProcess redis;

    LocalSystem(LocalSettings settings, Path logDir) {
        this.settings = settings;
        this.logDir = logDir;
    }

    LocalSystem start() {
        kafka = KafkaBroker.start(6, Topics.OTP_REQUESTS);
        redis = RedisServerProcess.start(settings.redisPort());
        List<ServiceProcess> starting = new ArrayList<>();
        if (settings.realPlivo() == null) {
            starting.add(start("plivo-sandbox", "dev.voiceotp.sandbox.PlivoSandboxApplication", settings.sandboxPort(), sandboxConfig()));
        }
        starting.add(start("api-gateway", "dev.voiceotp.gateway.ApiGatewayApplication", settings.gatewayPort(), gatewayConfig()));
        starting.add(start("otp-worker", "dev.voiceotp.worker.OtpWorkerApplication", settings.workerPort(), workerConfig()));
        starting.add(start("verifier", "dev.voiceotp.verifier.VerifierApplication", settings.verifierPort(), verifierConfig()));
        CompletableFuture.allOf(starting.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY_TIMEOUT)))
                .toArray(CompletableFuture[]::new)).join();
        return this;
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Starts a service again after a test killed it, with the same configuration. */
    ServiceProcess restart(String name) {
        ServiceProcess old = service(name);
        services.remove(old);
        old.close();
        ServiceProcess restarted = switch (name) {
            case "otp-worker" -> start(name, "dev.voiceotp.worker.OtpWorkerApplication", settings.workerPort(), workerConfig());
            default -> throw new IllegalArgumentException("restart is supported for otp-worker only");
        };
        restarted.awaitReady(READY_TIMEOUT);
        return restarted;
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    String redisUrl() {
        return redis.url();
    }

    Path logDir() {
        return logDir;
    }

    LocalSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        if (redis != null) {
            redis.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private ServiceProcess start(String name, String mainClass, int port, Map<String, Object> config) {
        log.info("Starting {} on port {}", name, port);
        ServiceProcess process = ServiceProcess.start(projectDir, name, mainClass, port, json.writeValueAsString(config), settings.javaOptions(), logDir);
        services.add(process);
        return process;
    }

    /** The checkout the launcher runs from: the nearest directory, upwards, that holds the built modules. */
    private static Path findProjectDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.isDirectory(dir.resolve("api-gateway/target/classes"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the launcher inside the voice-otp checkout, after ./mvnw install -DskipTests");
    }

    private Map<String, Object> common(Map<String, Object> serviceSpecific) {
        Map<String, Object> voiceOtp = new java.util.LinkedHashMap<>(serviceSpecific);
        voiceOtp.put("apps", List.of(
                app(settings.demoAppId(), "Demo App", settings.demoApiKey()),
                app(LocalSettings.SECOND_APP_ID, "Second Demo App", settings.secondApiKey())));
        return json(
                "spring", json("kafka", json("bootstrap-servers", kafka.bootstrapServers()),
                        "data", json("redis", json("url", redis.url()))),
                "voice-otp", voiceOtp);
    }

    private Map<String, Object> app(String id, String name, String apiKey) {
        Map<String, Object> app = json("id", id, "name", name, "api-key-sha256", List.of(ApiKeyAuthenticator.sha256Hex(apiKey)));
        if (settings.limitsOff()) {
            // quotas 0 = none: only for benchmarks (VOICE_OTP_LOCAL_LIMITS=off); otherwise the defaults apply
            app.put("quotas", json("requests-per-minute", 0, "calls-per-day", 0));
        }
        return app;
    }

    private Map<String, Object> gatewayConfig() {
        Map<String, Object> gateway = new java.util.LinkedHashMap<>(json("legacy", json("enabled", true, "app-id", settings.demoAppId())));
        if (settings.limitsOff()) {
            // a benchmark sends thousands of requests per second from one address to one number block
            Map<String, Object> off = json("capacity", 0);
            gateway.put("limits", json("number", off, "ip", off, "prefix", off));
            gateway.put("resend", json("cooldown", "0s", "max-per-hour", 0, "max-per-day", 0));
            gateway.put("spend", json("default-max-calls-per-country-per-hour", 0));
        }
        return common(json("gateway", gateway));
    }

    private Map<String, Object> verifierConfig() {
        return common(json("verifier", json("legacy", json("enabled", true, "app-id", settings.demoAppId())),
                "code", json("hmac-secret", settings.hmacSecret())));
    }

    private Map<String, Object> workerConfig() {
        LocalSettings.RealPlivo real = settings.realPlivo();
        Map<String, Object> plivo = real != null
                ? json("auth-id", real.authId(), "auth-token", real.authToken(), "from-number", real.fromNumber())
                : json("auth-id", LocalSettings.SANDBOX_AUTH_ID, "auth-token", settings.sandboxAuthToken(),
                        "from-number", LocalSettings.SANDBOX_FROM_NUMBER, "api-base-url", "http://localhost:" + settings.sandboxPort());
        String publicBaseUrl = real != null ? real.publicBaseUrl() : "http://localhost:" + settings.workerPort();
        // PHLO delivery (per app or per request) runs against the sandbox's PHLO runner in local runs
        Map<String, Object> phlo = real != null ? json()
                : json("runner-base-url", "http://localhost:" + settings.sandboxPort(), "default-phlo-id", LocalSettings.SANDBOX_PHLO_ID);
        return common(json("worker", json("public-base-url", publicBaseUrl, "plivo", plivo, "phlo", phlo,
                "prompt", json("encryption-key", settings.promptKey())),
                "code", json("hmac-secret", settings.hmacSecret())));
    }

    private Map<String, Object> sandboxConfig() {
        return json("voice-otp", json("sandbox", json("auth-id", LocalSettings.SANDBOX_AUTH_ID, "auth-token", settings.sandboxAuthToken())));
    }
}
