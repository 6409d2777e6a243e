package dev.voiceotp.gateway.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A producer app's webhook endpoint on loopback, as a test needs it: records every delivery per path, and answers each
 * verification from a script of statuses (then 200), or hangs per path for a while before answering.
 */
final class CallbackReceiver implements AutoCloseable {

    /** One delivery as it arrived. */
    record Received(String path, String id, String timestamp, String signature, String body, Instant at) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Duration> hangs = new ConcurrentHashMap<>();

    CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next deliveries of this verification's events are answered with these statuses, in order; later ones with 200. */
    void answer(String verificationId, Integer... statuses) {
        scripts.computeIfAbsent(verificationId, key -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    /** Every delivery to this path waits this long before it is answered. */
    void hang(String path, Duration duration) {
        hangs.put(path, duration);
    }

    synchronized List<Received> at(String path) {
        return received.stream().filter(delivery -> delivery.path().equals(path)).toList();
    }

    /** Deliveries to a path whose body names this verification, in arrival order. */
    synchronized List<Received> of(String path, String verificationId) {
        return at(path).stream().filter(delivery -> delivery.body().contains("\"" + verificationId + "\"")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        synchronized (this) {
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8),
                    Instant.now()));
        }
        Duration hang = hangs.get(path);
        if (hang != null) {
            try {
                Thread.sleep(hang);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Integer scripted = scripts.entrySet().stream().filter(entry -> text.contains("\"" + entry.getKey() + "\""))
                .map(entry -> entry.getValue().pollFirst()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        int status = scripted == null ? 200 : scripted;
        exchange.sendResponseHeaders(status, -1);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
