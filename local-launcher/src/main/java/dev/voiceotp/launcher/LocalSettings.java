package dev.voiceotp.launcher;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.testsupport.RedisClusterProcess;

/**
 * Ports, the demo producer app and the secrets of one local run. Secrets are fresh random values each run
 * (nothing secret is in the repository); the demo API key is fixed so that the README's examples work, and
 * can be changed with {@code VOICE_OTP_DEMO_API_KEY}. Plivo credentials in the environment
 * ({@code PLIVO_AUTH_ID}, {@code PLIVO_AUTH_TOKEN}, {@code PLIVO_FROM_NUMBER}, {@code WORKER_PUBLIC_BASE_URL})
 * switch the worker from the sandbox to the real Plivo. {@link Startup} and {@link Load} hold the knobs of
 * {@code ./run-local} and the benchmark; {@code bindAddress} is where every service listens; {@code tracesEndpoint}
 * ({@code VOICE_OTP_TRACES_ENDPOINT}), when set, is an OTLP/HTTP traces endpoint to which the services export
 * every request's trace (for example a local Jaeger's {@code http://localhost:4318/v1/traces}); {@code externalKafka}
 * ({@code VOICE_OTP_KAFKA_BOOTSTRAP_SERVERS}), when set, is a Kafka cluster the services use instead of the launcher's
 * own broker (for fault runs on a multi-broker cluster); {@code directSecret} ({@code VOICE_OTP_DIRECT_SECRET}, at least
 * 32 characters), when set, lets the second demo app publish requests to Kafka directly, signed with it;
 * {@code demoCallback} ({@code VOICE_OTP_DEMO_WEBHOOK_URL}, with {@code VOICE_OTP_DEMO_WEBHOOK_SECRET}), when set, sends
 * the demo app's webhooks to a receiver of one's own instead of the launcher's.
 */
record LocalSettings(int gatewayPort, int workerPort, int verifierPort, int sandboxPort, int redisPort,
        String demoAppId, String demoApiKey, String secondApiKey, String hmacSecret, String recordSecret, String promptKey, String sandboxAuthToken,
        @Nullable RealPlivo realPlivo, String javaOptions, Startup startup, Load load, String bindAddress, @Nullable String tracesEndpoint,
        @Nullable String externalKafka, @Nullable String directSecret, @Nullable DemoCallback demoCallback) {

    /** Where the demo app's webhooks go instead of the launcher's receiver, and the {@code whsec_} secret they are signed with. */
    record DemoCallback(String url, String secret) {
    }

    /** Where the services listen unless {@code VOICE_OTP_BIND_ADDRESS} says otherwise: this machine only. */
    static final String LOOPBACK = "127.0.0.1";

    /**
     * The service JVMs' options: a 128 MB heap (a service's live data after a load test is 25-45 MB; a 96 MB heap
     * saved little resident memory and cost the gateway about 15 % of its dispatch rate), the serial collector,
     * which needs no helper threads on a machine that runs six JVMs, a native-heap trim every 5 s, which hands
     * back to the system what the JIT compilers' arenas freed, and a first metaspace collection threshold of 40 MB
     * instead of 21: the gateway's and the worker's class metadata reach 21 MB in their first minutes of load, and
     * reaching the default threshold cost each a full collection (0.38 s in both) that freed about 0.5 MB of it.
     * bench/README.md has the measurements.
     */
    static final String DEFAULT_JAVA_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -XX:MetaspaceSize=40m";

    static final String SANDBOX_AUTH_ID = "MAVOICEOTPSANDBOX001";
    static final String SANDBOX_FROM_NUMBER = "+14155550100";
    /** The PHLO the sandbox plays for PHLO deliveries (any id works there). */
    static final String SANDBOX_PHLO_ID = "local-voice-otp-phlo";
    /** A second producer app, so that isolation between apps can be tried locally. */
    static final String SECOND_APP_ID = "demo-two";

    /** Partitions of the request topic on the local broker: as many as the gateway creates it with by default. */
    static final int REQUEST_PARTITIONS = 6;

    /**
     * How the services start.
     *
     * @param oneAtATime each service starts only once the one before is ready ({@code VOICE_OTP_START=sequential}),
     *        so that each one's start-up time is its own; by default they all start at once
     * @param aotCache start each service from its JDK AOT cache, trained on the first start after a change (see
     *        {@link AotCache}); {@code ./run-local} uses it unless {@code VOICE_OTP_AOT_CACHE=off}, tests never do
     * @param workers otp-worker instances ({@code VOICE_OTP_WORKERS}); the second and later listen on the ports
     *        after the verifier's
     * @param listenerThreads each worker's listener threads ({@code VOICE_OTP_WORKER_CONCURRENCY}); by default the
     *        request topic's partitions shared out among the workers, so that every partition has a thread and
     *        none sits idle (see {@link #listenerThreadsFor})
     * @param redis the shape of the local Redis
     */
    record Startup(boolean oneAtATime, boolean aotCache, int workers, int listenerThreads, LocalRedisShape redis) {

        Startup {
            if (workers < 1 || workers > 9) {
                throw new IllegalArgumentException("VOICE_OTP_WORKERS must be 1 to 9, was " + workers);
            }
            if (listenerThreads < 1) {
                throw new IllegalArgumentException("VOICE_OTP_WORKER_CONCURRENCY must be at least 1, was " + listenerThreads);
            }
        }

        /**
         * One thread per partition over all the workers. A listener takes its partitions' requests one at a time (the
         * pacing slot, the claim in Redis) before it hands each call over to be placed, so with fewer threads than
         * partitions some partitions wait for others' claims. More threads than that would sit idle, and
         * unevenly: Kafka's range assignor gives one partition each to the group's first consumers in the order of
         * their instance ids, so two workers with six threads each would get all six partitions on the first one.
         */
        static int listenerThreadsFor(int workers) {
            return Math.max(1, REQUEST_PARTITIONS / workers);
        }
    }

    /**
     * Limits that a benchmark lifts, each only when asked.
     *
     * @param limitsOff no rate limits, caps or quotas ({@code VOICE_OTP_LOCAL_LIMITS=off}): one client address
     *        and one number block send thousands of requests per second in a benchmark
     * @param pacingOff no calls-per-second pacing ({@code VOICE_OTP_LOCAL_PACING=off}): the worker places calls
     *        as fast as it can and the sandbox accepts them at once instead of queueing them at Plivo's pace
     */
    record Load(boolean limitsOff, boolean pacingOff) {
    }

    /** Credentials of a real Plivo account, when the environment provides them. */
    record RealPlivo(String authId, String authToken, String fromNumber, String publicBaseUrl) {
    }

    static LocalSettings fromEnvironment(Map<String, String> env) {
        int workers = Integer.parseInt(env.getOrDefault("VOICE_OTP_WORKERS", "1").trim());
        return new LocalSettings(
                port(env, "GATEWAY_PORT", 8080), port(env, "WORKER_PORT", 8081), port(env, "VERIFIER_PORT", 8082),
                port(env, "SANDBOX_PORT", 8090), port(env, "REDIS_PORT", 6379),
                "demo", env.getOrDefault("VOICE_OTP_DEMO_API_KEY", "local-demo-key"),
                env.getOrDefault("VOICE_OTP_SECOND_API_KEY", "local-second-key"),
                randomSecret(32), randomSecret(32), Base64.getEncoder().encodeToString(randomBytes(32)), randomSecret(24),
                realPlivo(env).orElse(null),
                env.getOrDefault("VOICE_OTP_JAVA_OPTS", DEFAULT_JAVA_OPTIONS),
                new Startup("sequential".equalsIgnoreCase(env.getOrDefault("VOICE_OTP_START", "parallel")),
                        "on".equalsIgnoreCase(env.getOrDefault("VOICE_OTP_AOT_CACHE", "off")),
                        workers, listenerThreads(env, workers), LocalRedisShape.fromEnvironment(env)),
                new Load(isOff(env, "VOICE_OTP_LOCAL_LIMITS"), isOff(env, "VOICE_OTP_LOCAL_PACING")),
                env.getOrDefault("VOICE_OTP_BIND_ADDRESS", LOOPBACK), blankToNull(env.get("VOICE_OTP_TRACES_ENDPOINT")),
                blankToNull(env.get("VOICE_OTP_KAFKA_BOOTSTRAP_SERVERS")), directSecret(env), demoCallback(env));
    }

    private static int listenerThreads(Map<String, String> env, int workers) {
        String told = blankToNull(env.get("VOICE_OTP_WORKER_CONCURRENCY"));
        return told != null ? Integer.parseInt(told.trim()) : Startup.listenerThreadsFor(workers);
    }

    /**
     * Whether the guide's unauthenticated routes are on: only against the sandbox (with a real account they would
     * let anyone who reaches the machine place paid calls) and only with the limits they need to be safe.
     */
    boolean guideRoutesEnabled() {
        return realPlivo == null && !load.limitsOff();
    }

    /** The launcher's own defaults: as {@link #fromEnvironment}, with the AOT cache on unless switched off. */
    static LocalSettings forLauncher(Map<String, String> env) {
        Map<String, String> withDefaults = new HashMap<>(env);
        withDefaults.putIfAbsent("VOICE_OTP_AOT_CACHE", "on");
        return fromEnvironment(withDefaults);
    }

    /**
     * Where Plivo's webhooks reach the workers when there are several: one address in front of all of them (the
     * first worker's port + 8, 8089 by default), as a load balancer is in a deployment.
     */
    int webhookPort() {
        return workerPort + 8;
    }

    /**
     * Whether the demo app's lifecycle events go to the launcher's webhook receiver: in every local run but a
     * benchmark's ({@code VOICE_OTP_LOCAL_LIMITS=off}), whose producer, like the guide's app, takes no callbacks.
     */
    boolean demoWebhooks() {
        return !load.limitsOff();
    }

    /** Where the launcher's demo webhook receiver listens: the sandbox's port + 5 (8095 by default). */
    int demoWebhookPort() {
        return sandboxPort + 5;
    }

    /** The ports of the worker instances: the first on {@code workerPort}, the others after the verifier's. */
    List<Integer> workerPorts() {
        List<Integer> ports = new ArrayList<>(List.of(workerPort));
        for (int i = 1; i < startup.workers(); i++) {
            ports.add(verifierPort + i);
        }
        return ports;
    }

    /** The ports Redis listens on: one, or the three primaries of a cluster (each also on its port + 10,000). */
    List<Integer> redisPorts() {
        return startup.redis().cluster() ? List.of(redisPort, redisPort + 1, redisPort + 2) : List.of(redisPort);
    }

    /**
     * Whether Plivo's webhooks reach the workers through one entry ({@link #webhookPort()}) in front of them, as
     * behind a load balancer: with several workers against the sandbox.
     */
    boolean sharesWebhookAddress() {
        return realPlivo == null && startup.workers() > 1;
    }

    /**
     * Every port the local system binds with these settings: each service's and its actuator's, the webhook entry in
     * front of several workers, the demo webhook receiver, and Redis (a cluster's nodes also on their bus ports, +
     * 10,000). Kafka takes free ports of its own. Tests place a whole system on a block of ports that are all free.
     */
    List<Integer> boundPorts() {
        List<Integer> ports = new ArrayList<>();
        addServicePorts(ports, "api-gateway", gatewayPort);
        workerPorts().forEach(port -> addServicePorts(ports, "otp-worker", port));
        addServicePorts(ports, "verifier", verifierPort);
        addServicePorts(ports, "plivo-sandbox", sandboxPort);
        if (sharesWebhookAddress()) {
            ports.add(webhookPort());
        }
        if (demoWebhooks()) {
            ports.add(demoWebhookPort());
        }
        for (int port : redisPorts()) {
            ports.add(port);
            if (startup.redis().cluster()) {
                ports.add(port + RedisClusterProcess.BUS_PORT_OFFSET);
            }
        }
        return ports.stream().distinct().toList();
    }

    private static void addServicePorts(List<Integer> ports, String module, int port) {
        ports.add(port);
        ports.add(ServiceProcess.managementPortOf(module, port));
    }

    private static boolean isOff(Map<String, String> env, String name) {
        return "off".equalsIgnoreCase(env.getOrDefault(name, "on"));
    }

    /** The same settings on other ports, for tests that must not collide with a running local system. */
    LocalSettings withPorts(int gateway, int worker, int verifier, int sandbox, int redis) {
        return new LocalSettings(gateway, worker, verifier, sandbox, redis, demoAppId, demoApiKey, secondApiKey, hmacSecret, recordSecret, promptKey,
                sandboxAuthToken, realPlivo, javaOptions, startup, load, bindAddress, tracesEndpoint, externalKafka, directSecret, demoCallback);
    }

    /** The same settings with every trace exported to an OTLP/HTTP endpoint. */
    LocalSettings withTracesEndpoint(String endpoint) {
        return new LocalSettings(gatewayPort, workerPort, verifierPort, sandboxPort, redisPort, demoAppId, demoApiKey, secondApiKey, hmacSecret,
                recordSecret, promptKey, sandboxAuthToken, realPlivo, javaOptions, startup, load, bindAddress, endpoint, externalKafka, directSecret, demoCallback);
    }

    private static @Nullable DemoCallback demoCallback(Map<String, String> env) {
        String url = blankToNull(env.get("VOICE_OTP_DEMO_WEBHOOK_URL"));
        if (url == null) {
            return null;
        }
        String secret = blankToNull(env.get("VOICE_OTP_DEMO_WEBHOOK_SECRET"));
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("VOICE_OTP_DEMO_WEBHOOK_URL needs VOICE_OTP_DEMO_WEBHOOK_SECRET: whsec_ and the base64 "
                    + "of at least 24 random bytes (echo \"whsec_$(head -c 32 /dev/urandom | base64)\")");
        }
        return new DemoCallback(url, secret);
    }

    private static @Nullable String directSecret(Map<String, String> env) {
        String secret = blankToNull(env.get("VOICE_OTP_DIRECT_SECRET"));
        if (secret != null && secret.length() < 32) {
            throw new IllegalArgumentException("VOICE_OTP_DIRECT_SECRET must be at least 32 characters");
        }
        return secret;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
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
