package dev.voiceotp.launcher;

import static dev.voiceotp.launcher.ServiceProcess.json;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.testsupport.KafkaBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system on this machine: Kafka and Redis in or beside this JVM, the Plivo sandbox (unless real Plivo
 * credentials are set) and the three services, each in its own JVM, configured to find each other. The services
 * start at once, the sandbox while Kafka and Redis do (it needs neither), unless they start one at a time.
 * Closing it stops everything in reverse order.
 */
final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final String SANDBOX_MAIN = "dev.voiceotp.sandbox.PlivoSandboxApplication";
    /** The countries the guide's unauthenticated dispatch route may call in a local run (the sandbox's numbers). */
    private static final String GUIDE_ROUTE_COUNTRIES = "US,CA,GB";
    private static final String GATEWAY_MAIN = "dev.voiceotp.gateway.ApiGatewayApplication";
    private static final String WORKER_MAIN = "dev.voiceotp.worker.OtpWorkerApplication";
    private static final String VERIFIER_MAIN = "dev.voiceotp.verifier.VerifierApplication";

    private final LocalSettings settings;
    private final Path logDir;
    private final Path projectDir = findProjectDir();
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> starting = new CopyOnWriteArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ServiceLaunches launches;
    private volatile boolean closing;
    private @Nullable KafkaBroker kafka;
    private @Nullable WebhookEntry webhooks;
    private @Nullable DemoApp demoApp;
    private String kafkaBootstrapServers = "";
    private LocalRedis redis;

    LocalSystem(LocalSettings settings, Path logDir) {
        this.settings = settings;
        this.logDir = logDir;
        // the caches live beside the logs (.run-local/aot for ./run-local), outside anything a build cleans
        this.launches = new ServiceLaunches(projectDir, logDir.toAbsolutePath().getParent().resolve("aot"), logDir,
                settings.javaOptions(), settings.startup().aotCache());
    }

    LocalSystem start() {
        // the sandbox needs neither Kafka nor Redis: it starts while they do
        if (settings.realPlivo() == null) {
            launch("plivo-sandbox", "plivo-sandbox", SANDBOX_MAIN, settings.sandboxPort(), sandboxConfig());
        }
        redis = LocalRedis.start(settings.redisPorts(), settings.startup().redis());
        if (settings.externalKafka() != null) {
            kafkaBootstrapServers = settings.externalKafka();
            log.info("Using the Kafka cluster at {}", kafkaBootstrapServers);
        } else {
            kafka = KafkaBroker.start(LocalSettings.REQUEST_PARTITIONS, Topics.OTP_REQUESTS);
            kafkaBootstrapServers = kafka.bootstrapServers();
        }
        if (settings.demoWebhooks()) {
            demoApp = DemoApp.start(settings.demoWebhookPort(), new DemoApp.Backend(URI.create("http://127.0.0.1:" + settings.gatewayPort()),
                    URI.create("http://127.0.0.1:" + settings.verifierPort()), settings.demoApiKey(),
                    URI.create("http://localhost:" + settings.sandboxPort() + "/")));
            log.info("The demo app's sign-up page: {}; its webhooks arrive at {}", demoApp.pageUrl(), demoApp.url());
        }
        launch("api-gateway", "api-gateway", GATEWAY_MAIN, settings.gatewayPort(), gatewayConfig());
        List<Integer> workerPorts = settings.workerPorts();
        if (settings.sharesWebhookAddress()) {
            webhooks = WebhookEntry.start(settings.bindAddress(), settings.webhookPort(), workerPorts);
            log.info("Webhooks of all {} workers: http://localhost:{}", workerPorts.size(), settings.webhookPort());
        }
        for (int i = 0; i < workerPorts.size(); i++) {
            launch(i == 0 ? "otp-worker" : "otp-worker-" + (i + 1), "otp-worker", WORKER_MAIN, workerPorts.get(i), workerConfig(workerPorts.get(i)));
        }
        launch("verifier", "verifier", VERIFIER_MAIN, settings.verifierPort(), verifierConfig());
        awaitAll(starting);
        return this;
    }

    /**
     * Starts one service and waits for it in the background, or right away when services start one at a time.
     * With the AOT cache on, the module's cache is trained first if it needs it.
     */
    private void launch(String name, String module, String mainClass, int port, Map<String, Object> config) {
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            String applicationJson = json.writeValueAsString(config);
            ServiceLaunches.Launch launch = launches.of(module, mainClass, port, applicationJson);
            log.info("Starting {} on port {}{}", name, port, launch.fromAotCache() ? " (AOT cache)" : "");
            ServiceProcess started;
            try {
                started = startAndAwait(name, mainClass, port, ServiceProcess.managementPortOf(module, port), applicationJson, launch);
            } catch (ServiceProcess.ExitedException e) {
                if (closing) {
                    throw e;
                }
                // as an orchestrator would: a start that fails once (say, a dependency answering slowly on a
                // machine busy with builds) gets one more chance; a second failure stops the launcher
                Path failedLog = logDir.resolve(name + "-failed-start.log");
                moveQuietly(logDir.resolve(name + ".log"), failedLog);
                log.warn("{} exited during start-up (log kept in {}); starting it once more", name, failedLog);
                started = startAndAwait(name, mainClass, port, ServiceProcess.managementPortOf(module, port), applicationJson, launch);
            }
            log.info("{} ready in {} s (CPU {} s)", name, ServiceLaunches.seconds(started.readyAfter().orElseThrow().toNanos()),
                    started.cpuWhenReady().map(cpu -> ServiceLaunches.seconds(cpu.toNanos())).orElse("?"));
        }, runnable -> Thread.ofVirtual().name("start-" + name).start(runnable));
        starting.add(ready);
        if (settings.startup().oneAtATime()) {
            ready.join();
        }
    }

    private ServiceProcess startAndAwait(String name, String mainClass, int port, int managementPort, String applicationJson,
            ServiceLaunches.Launch launch) {
        ServiceProcess process = ServiceProcess.start(name, mainClass, port, managementPort, applicationJson, launch.jvmOptions(),
                launch.classPath(), logDir.resolve(name + ".log"));
        services.add(process);
        if (closing) {
            // close() may have stopped the others before this one was listed
            services.remove(process);
            process.close();
            throw new IllegalStateException("voice-otp is stopping");
        }
        try {
            process.awaitReady(READY_TIMEOUT);
            return process;
        } catch (ServiceProcess.ExitedException e) {
            services.remove(process);
            throw e;
        }
    }

    private static void moveQuietly(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("could not keep {}: {}", from, e.getMessage());
        }
    }

    /** Waits until every service is ready, or fails as soon as one does not start. */
    private static void awaitAll(List<CompletableFuture<Void>> futures) {
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        futures.forEach(future -> future.exceptionally(failure -> {
            firstFailure.completeExceptionally(failure);
            return null;
        }));
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), firstFailure).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The demo app's webhook endpoint, in every run but a benchmark's. */
    Optional<DemoApp> demoApp() {
        return Optional.ofNullable(demoApp);
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
        if (!name.equals("otp-worker")) {
            throw new IllegalArgumentException("restart is supported for otp-worker only");
        }
        ServiceProcess old = service(name);
        services.remove(old);
        old.close();
        String applicationJson = json.writeValueAsString(workerConfig(settings.workerPort()));
        ServiceLaunches.Launch launch = launches.of("otp-worker", WORKER_MAIN, settings.workerPort(), applicationJson);
        ServiceProcess restarted = ServiceProcess.start(name, WORKER_MAIN, settings.workerPort(),
                ServiceProcess.managementPortOf("otp-worker", settings.workerPort()), applicationJson,
                launch.jvmOptions(), launch.classPath(), logDir.resolve(name + ".log"));
        services.add(restarted);
        restarted.awaitReady(READY_TIMEOUT);
        return restarted;
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    LocalRedis redis() {
        return redis;
    }

    Path logDir() {
        return logDir;
    }

    LocalSettings settings() {
        return settings;
    }

    /**
     * Stops the services (all asked at once, each finishing its work in flight), then Redis, then the Kafka broker,
     * and only then removes the broker's data: one line per stopped part.
     */
    @Override
    public void close() {
        closing = true;
        launches.close();
        List<ServiceProcess> stopping = List.copyOf(services).reversed();
        services.clear();
        stopping.forEach(ServiceProcess::requestStop);
        for (ServiceProcess service : stopping) {
            service.close();
            log.info("Stopped {}", service.name());
        }
        if (webhooks != null) {
            webhooks.close();
        }
        if (demoApp != null) {
            demoApp.close();
        }
        if (redis != null) {
            redis.close();
            log.info("Stopped {}", redis.description());
        }
        if (kafka != null) {
            kafka.close();
            log.info("Stopped the Kafka broker and removed its data");
        }
    }

    /** The checkout the launcher runs from: the nearest directory, upwards, that holds the built modules. */
    private static Path findProjectDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("api-gateway/target/classes"))) {
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
        // the management port (ServiceProcess passes it) listens where the service does
        Map<String, Object> management = json("server", json("address", settings.bindAddress()));
        if (settings.tracesEndpoint() != null) {
            management.put("tracing", json("sampling", json("probability", 1.0)));
            management.put("opentelemetry", json("tracing", json("export", json("otlp", json("endpoint", settings.tracesEndpoint())))));
        }
        return json(
                "server", json("address", settings.bindAddress()),
                "management", management,
                "spring", json("kafka", json("bootstrap-servers", kafkaBootstrapServers),
                        "data", json("redis", redis.springConfig())),
                "voice-otp", voiceOtp);
    }

    private Map<String, Object> app(String id, String name, String apiKey) {
        Map<String, Object> app = json("id", id, "name", name, "api-key-sha256", List.of(ApiKeyAuthenticator.sha256Hex(apiKey)));
        LocalSettings.DemoCallback own = settings.demoCallback();
        if (demoApp != null && id.equals(settings.demoAppId())) {
            app.put("callback", own != null ? json("url", own.url(), "secrets", List.of(own.secret()))
                    : json("url", demoApp.url(), "secrets", List.of(demoApp.secret())));
        }
        if (settings.load().limitsOff()) {
            // quotas 0 = none: only for benchmarks (VOICE_OTP_LOCAL_LIMITS=off); otherwise the defaults apply
            app.put("quotas", json("requests-per-minute", 0, "calls-per-day", 0, "checks-per-minute", 0));
        }
        return app;
    }

    private Map<String, Object> gatewayConfig() {
        Map<String, Object> gateway = new java.util.LinkedHashMap<>(json("legacy", json("enabled", settings.guideRoutesEnabled(),
                "app-id", settings.demoAppId(), "allowed-countries", GUIDE_ROUTE_COUNTRIES)));
        if (settings.load().limitsOff()) {
            // a benchmark sends thousands of requests per second from one address to one number block
            Map<String, Object> off = json("capacity", 0);
            gateway.put("limits", json("number", off, "ip", off, "prefix", off));
            gateway.put("resend", json("cooldown", "0s", "max-per-hour", 0, "max-per-day", 0));
            gateway.put("spend", json("default-max-calls-per-country-per-hour", 0));
        }
        Map<String, Object> records = json("signing-secret", settings.recordSecret());
        if (settings.directSecret() != null) {
            // the second demo app may publish to otp.requests.direct.v1, signed with this secret
            records.put("app-secrets", json(LocalSettings.SECOND_APP_ID, List.of(settings.directSecret())));
        }
        if (demoApp != null) {
            // the demo receiver listens on loopback, which a deployment's webhooks may never reach
            gateway.put("webhooks", json("allowed-networks", List.of("127.0.0.0/8")));
        }
        Map<String, Object> config = common(json("gateway", gateway, "records", records));
        // the API description for whoever develops against the local run (off by default in a deployment)
        config.put("springdoc", json("api-docs", json("enabled", true), "swagger-ui", json("enabled", true)));
        return config;
    }

    private Map<String, Object> verifierConfig() {
        Map<String, Object> verifier = json("legacy", json("enabled", settings.guideRoutesEnabled(), "app-id", settings.demoAppId()));
        if (settings.load().limitsOff()) {
            Map<String, Object> off = json("capacity", 0);
            verifier.put("limits", json("ip", off, "number", off));
        }
        return common(json("verifier", verifier, "code", json("hmac-secret", settings.hmacSecret())));
    }

    private Map<String, Object> workerConfig(int port) {
        LocalSettings.RealPlivo real = settings.realPlivo();
        Map<String, Object> plivo = real != null
                ? json("auth-id", real.authId(), "auth-token", real.authToken(), "from-number", real.fromNumber())
                : json("auth-id", LocalSettings.SANDBOX_AUTH_ID, "auth-token", settings.sandboxAuthToken(),
                        "from-number", LocalSettings.SANDBOX_FROM_NUMBER, "api-base-url", "http://localhost:" + settings.sandboxPort());
        String publicBaseUrl = real != null ? real.publicBaseUrl()
                : "http://localhost:" + (settings.sharesWebhookAddress() ? settings.webhookPort() : port);
        // PHLO delivery (per app or per request) runs against the sandbox's PHLO runner in local runs
        Map<String, Object> phlo = real != null ? json()
                : json("runner-base-url", "http://localhost:" + settings.sandboxPort(), "default-phlo-id", LocalSettings.SANDBOX_PHLO_ID);
        // a name that survives restarts (Kafka static membership): a restarted worker takes its partitions back at once
        Map<String, Object> worker = json("public-base-url", publicBaseUrl, "instance-id", "local-worker-" + port, "plivo", plivo, "phlo", phlo,
                "prompt", json("encryption-key", settings.promptKey()), "concurrency", settings.startup().listenerThreads());
        if (settings.load().pacingOff()) {
            // calls go out as fast as the worker places them
            worker.put("pacing", json("enabled", false));
        }
        return common(json("worker", worker, "code", json("hmac-secret", settings.hmacSecret()),
                "records", json("signing-secret", settings.recordSecret())));
    }

    private Map<String, Object> sandboxConfig() {
        Map<String, Object> sandbox = json("auth-id", LocalSettings.SANDBOX_AUTH_ID, "auth-token", settings.sandboxAuthToken());
        if (settings.load().pacingOff()) {
            // 0 = no queue: every call is accepted and started at once
            sandbox.put("calls-per-second", 0);
        }
        return json("server", json("address", settings.bindAddress()), "voice-otp", json("sandbox", sandbox));
    }
}
