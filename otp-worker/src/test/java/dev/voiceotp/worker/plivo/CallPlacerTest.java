package dev.voiceotp.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

        assertThat(placer.place(request(), CallSlot.unpaced())).isEqualTo("uuid-1");
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
                    placed.add(calls.submit(() -> placer.place(request(), CallSlot.unpaced())));
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

        placer.place(request(), CallSlot.unpaced());
        Call.creator("14155550100", List.of("14155550123"), "http://localhost/plivo/answer/t").client(sdksOwn).create();

        assertThat(headers).hasSize(2);
        assertThat(headers.getFirst()).isEqualTo(headers.getLast());
        assertThat(headers.getFirst().get("Authorization")).isEqualTo(Credentials.basic("MAVOICEOTPSANDBOX001", "token"));
        assertThat(headers.getFirst().get("User-Agent")).startsWith("plivo-java/5.");
    }

    @Test
    void shouldSendOnItsSlotWhenTheRequestLeavesInTime() {
        // a tolerance of 2 s lets the request leave up to 1 s after its slot: no stall of a busy test machine reaches that
        CallPacer pacer = pacer(Map.of("voice-otp.worker.pacing.jitter-tolerance", "2s"));
        CallPlacer placer = placerAnswering(201, "{\"request_uuid\":\"uuid\"}");
        placer.place(request(), CallSlot.unpaced()); // warmed: the SDK's first request, cold, is the slowest

        placer.place(request(), pacer.awaitSlot(Duration.ofSeconds(2)).orElseThrow());

        assertThat(requests).hasValue(2);
        assertThat(meters.get("otp.pacing.retaken").counter().count()).isZero();
    }

    @Test
    void shouldTakeAFreshSlotWhenTheRequestLeavesLaterThanHalfTheJitterTolerance() throws InterruptedException {
        CallPacer pacer = pacer(Map.of()); // 5 a second, 100 ms tolerance: one slot every 220 ms, sent within 50 ms
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        CallPlacer placer = placer(exchange -> {
            arrivals.add(System.nanoTime());
            respond(exchange, 201, "{\"request_uuid\":\"uuid\"}");
        }, Map.of());

        CallSlot slot = pacer.awaitSlot(Duration.ofSeconds(2)).orElseThrow();
        long slotTaken = System.nanoTime();
        Thread.sleep(80); // a stalled thread: sent on this slot, the request would arrive 80 ms into the next spacing
        placer.place(request(), slot);

        assertThat(meters.get("otp.pacing.retaken").counter().count()).isEqualTo(1);
        // it left on the next slot, a spacing after the stale one (less the microseconds between the bucket and this test)
        assertThat(Duration.ofNanos(arrivals.getFirst() - slotTaken)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void shouldHoldASlotForEachRequestTheSdkSendsForOneCall() {
        CallPacer pacer = pacer(Map.of());
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        CallPlacer placer = placer(exchange -> {
            arrivals.add(System.nanoTime());
            respond(exchange, 503, "{\"api_id\":\"a\",\"error\":\"unavailable\"}");
        }, Map.of());
        catchThrowableOfType(PlivoUnavailableException.class, () -> placer.place(request(), CallSlot.unpaced())); // warmed
        arrivals.clear();

        catchThrowableOfType(PlivoUnavailableException.class, () -> placer.place(request(), pacer.awaitSlot(Duration.ofSeconds(2)).orElseThrow()));

        // the SDK's two retries on its fallback hosts are arrivals Plivo may count: each waited for a slot of its own
        assertThat(arrivals).hasSize(3);
        // at least the two further requests (the first one too if this thread stalled for 50 ms before sending it)
        assertThat(meters.get("otp.pacing.retaken").counter().count()).isGreaterThanOrEqualTo(2);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void shouldSendNothingWhenNoFreshSlotComesWithinTheMaxWait() throws InterruptedException {
        CallPacer pacer = pacer(Map.of("voice-otp.worker.pacing.calls-per-second", "1", "voice-otp.worker.pacing.max-wait", "100ms"));
        CallPlacer placer = placerAnswering(201, "{\"request_uuid\":\"uuid\"}");
        CallSlot slot = pacer.awaitSlot(Duration.ofSeconds(2)).orElseThrow();
        Thread.sleep(80); // past the 50 ms a request may take to leave; the next slot is 1.1 s away

        PlivoUnavailableException e = catchThrowableOfType(PlivoUnavailableException.class, () -> placer.place(request(), slot));

        assertThat(e.reason()).isEqualTo(Reason.NO_CALL_SLOT);
        assertThat(e.ambiguous()).isFalse();
        assertThat(e.plivoFailed()).isFalse();
        assertThat(requests).hasValue(0);
        assertThat(meters.get("otp.pacing.retaken").counter().count()).isZero(); // no slot was taken
        assertThat(meters.find("otp.plivo.api").timers()).allSatisfy(timer -> assertThat(timer.count()).isZero());
    }

    /** Paced at 5 calls a second with the default jitter tolerance, on a bucket in memory. */
    private CallPacer pacer(Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(overrides);
        values.putIfAbsent("voice-otp.worker.pacing.calls-per-second", "5");
        WorkerProperties properties = TestProperties.worker(values);
        return new CallPacer(CallPacerTest.localBucket(properties), properties, meters);
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
        return catchThrowableOfType(PlivoUnavailableException.class, () -> placer.place(request(), CallSlot.unpaced()));
    }

    private static String refusal(CallPlacer placer) {
        return catchThrowableOfType(CallRefusedException.class, () -> placer.place(request(), CallSlot.unpaced())).reason();
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
