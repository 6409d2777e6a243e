package dev.voiceotp.sandbox.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.voiceotp.sandbox.TestProperties;

/**
 * The callback client against a local HTTP server: the answer with its status and body, and the ways an application
 * fails a callback (no answer in time, too large an answer, an error), each a {@link CallbackException} or a status,
 * never a hung call.
 */
class CallbackClientTest {

    private final CallbackClient client = new CallbackClient(TestProperties.keeping(10));
    private final CountDownLatch released = new CountDownLatch(1);
    private final Set<InetSocketAddress> clientAddresses = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/answer", exchange -> {
            clientAddresses.add(exchange.getRemoteAddress());
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reply(exchange, 200, ("<Response>" + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawQuery() + " " + form + " "
                    + exchange.getRequestHeaders().getFirst("X-Plivo-Signature-V3-Nonce") + "</Response>").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/silent", exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, new byte[0]);
        });
        server.createContext("/large", exchange -> reply(exchange, 200, new byte[CallbackClient.MAX_BODY_BYTES + 1]));
        server.createContext("/broken", exchange -> reply(exchange, 503, "down".getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    @Test
    void shouldSendTheSignedFormAndReturnTheAnswer() throws Exception {
        SignedCallback callback = client.sign(url("/answer"), CallbackMethod.POST, Map.of("CallStatus", "in-progress"));

        CallbackResponse response = client.send(callback);

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("<Response>POST null CallStatus=in-progress " + callback.nonce() + "</Response>");
    }

    @Test
    void shouldSendAGetCallbacksParametersInItsQuery() throws Exception {
        CallbackResponse response = client.send(client.sign(url("/answer"), CallbackMethod.GET, Map.of("CallStatus", "ringing")));

        // the parameters in the query (the signed URL), none in a body
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("<Response>GET CallStatus=ringing  ");
    }

    @Test
    void shouldReuseTheConnectionForTheNextCallback() throws Exception {
        for (int i = 0; i < 3; i++) {
            client.send(client.sign(url("/answer"), CallbackMethod.POST, Map.of("Attempt", Integer.toString(i))));
        }

        assertThat(clientAddresses).as("one kept-alive connection").hasSize(1);
    }

    @Test
    void shouldSendACallbackOnceWhenTheApplicationClosedItsKeptAliveConnection() throws Exception {
        client.send(client.sign(url("/answer"), CallbackMethod.POST, Map.of("Attempt", "0")));
        int port = server.getAddress().getPort();
        // the application restarts: the connection kept for the next callback is closed on its side
        server.stop(0);
        AtomicInteger received = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/answer", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 200, "<Response/>".getBytes(StandardCharsets.UTF_8));
        });
        server.start();

        CallbackResponse response = client.send(client.sign(url("/answer"), CallbackMethod.POST, Map.of("Attempt", "1")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(received).as("sent once, on a new connection").hasValue(1);
    }

    @Test
    void shouldGiveUpOnAnApplicationThatDoesNotAnswerInTime() {
        SignedCallback callback = client.sign(url("/silent"), CallbackMethod.POST, Map.of("CallStatus", "in-progress"));

        assertThatThrownBy(() -> client.send(callback)).isInstanceOf(CallbackException.class).hasMessage("no response within 1000 ms");
    }

    @Test
    void shouldStopWaitingWhenItsThreadIsInterrupted() throws Exception {
        SignedCallback callback = client.sign(url("/silent"), CallbackMethod.POST, Map.of("CallStatus", "in-progress"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                client.send(callback);
            } catch (Exception e) {
                thrown.set(e);
            }
        });
        // blocked on the silent application, inside its 1 s read timeout
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofMillis(800))
                .until(() -> sender.getState() == Thread.State.TIMED_WAITING || sender.getState() == Thread.State.WAITING);

        sender.interrupt();
        sender.join(Duration.ofSeconds(5));

        assertThat(thrown.get()).as("the sandbox stopping, not the application failing").isInstanceOf(InterruptedException.class);
    }

    @Test
    void shouldRefuseAnAnswerLargerThanPlivoReads() {
        SignedCallback callback = client.sign(url("/large"), CallbackMethod.POST, Map.of("CallStatus", "in-progress"));

        assertThatThrownBy(() -> client.send(callback)).isInstanceOf(CallbackException.class)
                .hasMessage("response body larger than " + CallbackClient.MAX_BODY_BYTES + " bytes");
    }

    @Test
    void shouldReturnAnErrorStatusWithItsBody() throws Exception {
        CallbackResponse response = client.send(client.sign(url("/broken"), CallbackMethod.POST, Map.of("CallStatus", "completed")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("down");
    }

    @Test
    void shouldReportAnApplicationThatIsNotListening() {
        SignedCallback callback = client.sign(URI.create("http://127.0.0.1:1/answer"), CallbackMethod.POST, Map.of("CallStatus", "ringing"));

        assertThatThrownBy(() -> client.send(callback)).isInstanceOf(CallbackException.class).hasMessageStartingWith("ConnectException");
    }

    @Test
    void shouldLetTheJdkKeepConnectionsForManyCallbacksUnlessToldOtherwise() {
        String before = System.getProperty(CallbackClient.MAX_KEPT_CONNECTIONS_PROPERTY);
        try {
            System.clearProperty(CallbackClient.MAX_KEPT_CONNECTIONS_PROPERTY);
            CallbackClient.keepConnectionsAlive();
            assertThat(System.getProperty(CallbackClient.MAX_KEPT_CONNECTIONS_PROPERTY)).isEqualTo("256");

            System.setProperty(CallbackClient.MAX_KEPT_CONNECTIONS_PROPERTY, "12");
            CallbackClient.keepConnectionsAlive();
            assertThat(System.getProperty(CallbackClient.MAX_KEPT_CONNECTIONS_PROPERTY)).as("set on the command line").isEqualTo("12");
        } finally {
            if (before == null) {
                System.clearProperty(CallbackClient.MAX_KEPT_CONNECTIONS_PROPERTY);
            } else {
                System.setProperty(CallbackClient.MAX_KEPT_CONNECTIONS_PROPERTY, before);
            }
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
