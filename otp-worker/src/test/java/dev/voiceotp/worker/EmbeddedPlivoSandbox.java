package dev.voiceotp.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.voiceotp.sandbox.PlivoSandboxApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project's Plivo sandbox inside the test JVM on a free port, reached by the worker through the real
 * plivo-java SDK. It runs with its own configuration name, so it reads neither the worker's application.yml
 * nor its Kafka and Redis settings.
 */
public final class EmbeddedPlivoSandbox {

    public static final String AUTH_ID = "MAVOICEOTPSANDBOX001";
    public static final String AUTH_TOKEN = "worker-test-sandbox-token";
    /** A six-digit code as the call reads it: digit by digit, so the sandbox hears the digits apart. */
    private static final Pattern CODE = Pattern.compile("\\b(\\d(?: ?\\d){5})\\b");
    private static volatile EmbeddedPlivoSandbox instance;

    private final ConfigurableApplicationContext context;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private EmbeddedPlivoSandbox(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public static synchronized EmbeddedPlivoSandbox get() {
        if (instance == null) {
            instance = new EmbeddedPlivoSandbox(new SpringApplicationBuilder(PlivoSandboxApplication.class).properties(
                    "server.port=0", "spring.config.name=plivo-sandbox-embedded", "spring.threads.virtual.enabled=true",
                    "spring.jmx.enabled=false",
                    "spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                            + "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration,"
                            + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
                            + "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration,"
                            + "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration,"
                            + "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration,"
                            + "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
                    // far above the workers' own pacing, so that the sandbox's queue never delays a test's calls
                    "voice-otp.sandbox.calls-per-second=100",
                    // callbacks carry a second signature, with a token the worker does not know, as during a rotation
                    "voice-otp.sandbox.extra-signing-tokens=some-other-accounts-token",
                    "voice-otp.sandbox.auth-id=" + AUTH_ID, "voice-otp.sandbox.auth-token=" + AUTH_TOKEN).run());
            Runtime.getRuntime().addShutdownHook(new Thread(instance.context::close));
        }
        return instance;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The calls the sandbox received for a number, oldest first. */
    public List<JsonNode> callsTo(String e164) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/sandbox/calls?to=" + e164.replace("+", "%2B"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body()).valueStream().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every call the sandbox received, oldest first. */
    public List<JsonNode> allCalls() {
        return json.readTree(get("/sandbox/calls")).valueStream().toList();
    }

    /**
     * Adds a scenario rule (see the sandbox's scenario API): for example
     * {@code scenario(Map.of("number", "+14155550100", "count", 1, "outcome", "busy"))}.
     */
    public void scenario(Map<String, ?> rule) {
        send(HttpRequest.newBuilder(URI.create(baseUrl() + "/sandbox/scenarios")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(rule))).build());
    }

    /** Sends the last callback of a call again, byte for byte (same nonce); returns the status the worker answered. */
    public int replayLastCallback(String requestUuid) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/sandbox/calls/" + requestUuid + "/replay-last-callback"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        return json.readTree(response.body()).path("status").asInt(response.statusCode());
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build()).body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The code spoken in the newest completed call to a number, or null while there is none. */
    public String heardCode(String e164) {
        List<JsonNode> calls = callsTo(e164);
        for (int i = calls.size() - 1; i >= 0; i--) {
            if ("completed".equals(calls.get(i).path("status").asString())) {
                Matcher matcher = CODE.matcher(calls.get(i).path("spokenText").asString());
                return matcher.find() ? matcher.group(1).replace(" ", "") : null;
            }
        }
        return null;
    }
}
