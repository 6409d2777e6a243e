package dev.voiceotp.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.plivo.api.PlivoClient;
import com.plivo.api.models.call.Call;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.worker.TestProperties;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.plivo.PlivoUnavailableException.Reason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * How the real plivo-java SDK's answers sort into refused, retry later and "the call may exist", against a
 * local HTTP server that answers the Call API the way Plivo does when things go wrong.
 */
class CallPlacerTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<HttpServer> servers = new ArrayList<>();
    /** Holds a "slow Plivo" answer until the test is over. */
    private final CountDownLatch testOver = new CountDownLatch(1);

    @AfterEach
    void stop() {
        testOver.countDown();
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void shouldReturnPlivosRequestUuid() {
        CallPlacer placer = placerAnswering(201, "{\"api_id\":\"a\",\"message\":\"call fired\",\"request_uuid\":\"uuid-1\"}");

        assertThat(placer.place(request())).isEqualTo("uuid-1");
        assertThat(meters.get("otp.plivo.api").tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldRetryLaterWhenRateLimited() {
        PlivoUnavailableException e = unavailable(placerAnswering(429, "{\"api_id\":\"a\",\"error\":\"too many requests\"}"));

        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.ambiguous()).isFalse();
        assertThat(meters.get("otp.plivo.api").tag("outcome", "rate_limited").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldRetryLaterOnServerErrorsAfterTheSdksFallbackHosts() {
        PlivoUnavailableException e = unavailable(placerAnswering(503, "{\"api_id\":\"a\",\"error\":\"unavailable\"}"));

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e.ambiguous()).isFalse();
        assertThat(requests).hasValue(3);
    }

    @Test
    void shouldRefuseForGoodWhenPlivoSaysNo() {
        assertThat(refusal(placerAnswering(400, "{\"api_id\":\"a\",\"error\":\"invalid number\"}"))).isEqualTo("invalid_request");
        assertThat(refusal(placerAnswering(401, "{\"api_id\":\"a\",\"error\":\"auth\"}"))).isEqualTo("plivo_authentication_failed");
        assertThat(refusal(placerAnswering(403, "{\"api_id\":\"a\",\"error\":\"geo permissions\"}"))).isEqualTo("destination_not_permitted");
        assertThat(refusal(placerAnswering(402, "{\"api_id\":\"a\",\"error\":\"insufficient credit\"}"))).isEqualTo("plivo_rejected_402");
    }

    @Test
    void shouldCallATimeoutAfterSendingAmbiguous() {
        CallPlacer placer = placer(exchange -> {
            requests.incrementAndGet();
            awaitQuietly(testOver);
            respond(exchange, 201, "{\"request_uuid\":\"late\"}");
        }, Map.of("voice-otp.worker.plivo.read-timeout", "500ms"));

        PlivoUnavailableException e = unavailable(placer);

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.ambiguous()).isTrue();
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldRetryLaterWhenNothingWasSent() {
        int closedPort = RedisServerProcess.freePort();
        WorkerProperties properties = properties("http://127.0.0.1:" + closedPort, Map.of());
        CallPlacer placer = new CallPlacer(new PlivoClientConfiguration().plivoClient(properties, new PlivoExchanges()),
                new PlivoExchanges(), properties, meters);

        PlivoUnavailableException e = unavailable(placer);

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e.ambiguous()).isFalse();
    }

    @Test
    void shouldKeepAConnectionForEveryCallInFlight() throws Exception {
        int callsAtOnce = 12; // more than the 5 idle connections the SDK's own pool keeps
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        AtomicReference<CountDownLatch> round = new AtomicReference<>();
        CallPlacer placer = placer(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            round.get().countDown();
            awaitQuietly(round.get()); // every call of the round in flight at once
            respond(exchange, 201, "{\"request_uuid\":\"uuid\"}");
        }, Map.of("voice-otp.worker.calls-in-flight", String.valueOf(callsAtOnce)));

        for (int i = 0; i < 3; i++) {
            round.set(new CountDownLatch(callsAtOnce));
            try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> placed = new ArrayList<>();
                for (int call = 0; call < callsAtOnce; call++) {
                    placed.add(calls.submit(() -> placer.place(request())));
                }
                for (Future<String> call : placed) {
                    assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("uuid");
                }
            }
        }

        assertThat(clientPorts).hasSize(callsAtOnce);
    }

    @Test
    void shouldSendTheHeadersTheSdksOwnClientSends() throws Exception {
        List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
        CallPlacer placer = placer(exchange -> {
            headers.add(Map.of("Authorization", exchange.getRequestHeaders().getFirst("Authorization"),
                    "User-Agent", exchange.getRequestHeaders().getFirst("User-Agent")));
            respond(exchange, 201, "{\"request_uuid\":\"uuid\"}");
        }, Map.of());
        int port = servers.getLast().getAddress().getPort();
        PlivoClient sdksOwn = new PlivoClient("MAVOICEOTPSANDBOX001", "token",
                new OkHttpClient.Builder().addInterceptor(PlivoHttpClients.rewriteTo(HttpUrl.get("http://127.0.0.1:" + port))));

        placer.place(request());
        Call.creator("14155550100", List.of("14155550123"), "http://localhost/plivo/answer/t").client(sdksOwn).create();

        assertThat(headers).hasSize(2);
        assertThat(headers.getFirst()).isEqualTo(headers.getLast());
        assertThat(headers.getFirst().get("Authorization")).isEqualTo(Credentials.basic("MAVOICEOTPSANDBOX001", "token"));
        assertThat(headers.getFirst().get("User-Agent")).startsWith("plivo-java/5.");
    }

    private CallPlacer placerAnswering(int status, String body) {
        return placer(exchange -> {
            requests.incrementAndGet();
            respond(exchange, status, body);
        }, Map.of());
    }

    private CallPlacer placer(com.sun.net.httpserver.HttpHandler handler, Map<String, String> overrides) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        servers.add(server);
        server.createContext("/", handler);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        WorkerProperties properties = properties("http://127.0.0.1:" + server.getAddress().getPort(), overrides);
        PlivoExchanges exchanges = new PlivoExchanges();
        return new CallPlacer(new PlivoClientConfiguration().plivoClient(properties, exchanges), exchanges, properties, meters);
    }

    private static WorkerProperties properties(String baseUrl, Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(overrides);
        values.put("voice-otp.worker.plivo.api-base-url", baseUrl);
        values.putIfAbsent("voice-otp.worker.plivo.connect-timeout", "500ms");
        return TestProperties.worker(values);
    }

    private static CallRequest request() {
        return new CallRequest("verification-1", "+14155550123", "http://localhost/plivo/answer/t", "http://localhost/plivo/hangup/t",
                "http://localhost/plivo/ring/t");
    }

    private static PlivoUnavailableException unavailable(CallPlacer placer) {
        return catchThrowableOfType(PlivoUnavailableException.class, () -> placer.place(request()));
    }

    private static String refusal(CallPlacer placer) {
        return catchThrowableOfType(CallRefusedException.class, () -> placer.place(request())).reason();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
