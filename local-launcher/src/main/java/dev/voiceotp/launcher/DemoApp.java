package dev.voiceotp.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local run's demo producer app, so a newcomer sees the whole product in a browser: a sign-up page at {@code /}
 * that asks for a number, requests a verification and checks the code typed (through {@code /demo/...}, which add
 * the demo API key on the server side, as a real app's backend would), and the app's webhook endpoint. The demo app's
 * callback points at {@code /webhooks}; each delivery is verified exactly as docs/webhooks.md tells an app to
 * (HMAC-SHA256 over {@code id.timestamp.body}, a timestamp at most five minutes old), logged in one line, and listed
 * at {@code GET /webhooks}. Local runs only: it holds the demo key.
 */
final class DemoApp implements AutoCloseable {

    static final String PATH = "/webhooks";
    private static final Logger log = LoggerFactory.getLogger(DemoApp.class);
    private static final int KEPT = 200;
    private static final long TOLERANCE_SECONDS = 300;

    private final HttpServer server;
    private final String secret;
    private final byte[] key;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Deque<Map<String, Object>> received = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Backend backend;

    /** Where the demo app's backend sends its API calls, with which key, and where the phone page is. */
    record Backend(URI gateway, URI verifier, String apiKey, URI phonePage) {
    }

    private DemoApp(HttpServer server, String secret, Backend backend) {
        this.server = server;
        this.secret = secret;
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.backend = backend;
    }

    /** On loopback, with a fresh signing secret for this run; on a free port when {@code port} is taken. */
    static DemoApp start(int port, Backend backend) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            HttpServer server = listen(port);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            DemoApp receiver = new DemoApp(server, "whsec_" + Base64.getEncoder().encodeToString(key), backend);
            server.createContext(PATH, receiver::handle);
            server.createContext("/demo/", receiver::proxy);
            server.createContext("/", receiver::page);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("the demo webhook receiver cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static HttpServer listen(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            log.info("Port {} is taken: the demo webhook receiver listens on a free port", port);
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
    }

    /** The demo app's webhook endpoint. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The sign-up page. */
    String pageUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String html;
            try (InputStream in = DemoApp.class.getResourceAsStream("/demo/index.html")) {
                html = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{phonePage}}", backend.phonePage().toString());
            }
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * {@code POST /demo/verifications} to the gateway and {@code POST /demo/verifications/{id}/checks} to the
     * verifier, with the demo key; the answer goes back to the page as it came.
     */
    private void proxy(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/demo".length());
            URI target = !"POST".equals(exchange.getRequestMethod()) ? null
                    : path.equals("/verifications") ? backend.gateway().resolve("/v1/verifications")
                    : path.matches("/verifications/[0-9a-f-]{36}/checks") ? backend.verifier().resolve("/v1" + path) : null;
            if (target == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(target).header("authorization", "Bearer " + backend.apiKey())
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("content-type", answer.headers().firstValue("content-type").orElse("application/json"));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        }
    }

    /** The secret the demo app's deliveries are signed with. */
    String secret() {
        return secret;
    }

    /** The deliveries so far, oldest first: id, type, verification, whether the signature held, when. */
    synchronized List<Map<String, Object>> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())) {
                byte[] listing = json.writeValueAsBytes(received());
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, listing.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(listing);
                }
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String id = header(exchange, "webhook-id");
            String timestamp = header(exchange, "webhook-timestamp");
            boolean verified = verifies(id, timestamp, header(exchange, "webhook-signature"), body);
            JsonNode event = json.readTree(body);
            record(Map.of("id", id, "type", event.path("type").asString(""), "verificationId", event.path("verificationId").asString(""),
                    "verified", verified, "receivedAt", Instant.now().toString()));
            log.info("Webhook to the demo app: {} of {} (signature {})", event.path("type").asString(""),
                    event.path("verificationId").asString(""), verified ? "verified" : "NOT verified");
            exchange.sendResponseHeaders(verified ? 204 : 401, -1);
        }
    }

    /** docs/webhooks.md's recipe. */
    private boolean verifies(String id, String timestamp, String signatures, byte[] body) {
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - sent) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return false;
        }
        for (String signature : signatures.split(" ")) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private synchronized void record(Map<String, Object> delivery) {
        if (received.size() == KEPT) {
            received.removeFirst();
        }
        received.addLast(delivery);
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
