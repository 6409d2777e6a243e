package dev.voiceotp.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays the application the sandbox calls back: a JDK HTTP server on a free port that answers each path with a
 * canned reply, records every request and checks its V3 signatures with its own, independent computation from
 * plivo-contract.md (URL with port).
 */
final class CallbackRecorder implements AutoCloseable {

    /** One callback as the application saw it. */
    record Received(String method, String path, Map<String, String> parameters, List<String> signatures,
            @Nullable String nonce, boolean headersAgree, String url) {

        /** Whether one of the comma-separated signatures is right for this token. */
        boolean signedWith(String token) {
            return nonce != null && signatures.contains(expectedSignature(token, method, url, parameters, nonce));
        }
    }

    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    private CallbackRecorder() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    static CallbackRecorder start() throws IOException {
        return new CallbackRecorder();
    }

    /** Answers {@code path} with this status and body from now on (200 and an empty body otherwise). */
    void reply(String path, int status, String body) {
        replies.put(path, new Reply(status, body));
    }

    /** Answers the next {@code failures} requests to {@code path} with HTTP 500, then as {@link #reply} set it. */
    void failFirst(String path, int failures) {
        failuresLeft.put(path, new AtomicInteger(failures));
    }

    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    List<Received> receivedOn(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** What one call (by CallUUID) sent to {@code path}, in order. */
    List<Received> receivedOn(String path, String callUuid) {
        return receivedOn(path).stream().filter(request -> callUuid.equals(request.parameters().get("CallUUID")))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            String form = method.equals("GET") ? uri.getRawQuery() : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            String url = "http://" + exchange.getRequestHeaders().getFirst("Host") + uri.getRawPath();
            String signatures = exchange.getRequestHeaders().getFirst("X-Plivo-Signature-V3");
            received.add(new Received(method, uri.getPath(), decode(form),
                    signatures == null ? List.of() : Arrays.asList(signatures.split(",")),
                    exchange.getRequestHeaders().getFirst("X-Plivo-Signature-V3-Nonce"),
                    signatures != null && signatures.equals(exchange.getRequestHeaders().getFirst("X-Plivo-Signature-Ma-V3")),
                    url));
            AtomicInteger failures = failuresLeft.get(uri.getPath());
            Reply reply = failures != null && failures.getAndDecrement() > 0 ? new Reply(500, "")
                    : replies.getOrDefault(uri.getPath(), new Reply(200, ""));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    static String expectedSignature(String token, String method, String url, Map<String, String> parameters,
            String nonce) {
        Map<String, String> sorted = new TreeMap<>(parameters);
        String signed = method.equals("GET")
                ? url + "?" + sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"))
                : url + "?" + sorted.entrySet().stream().map(e -> e.getKey() + e.getValue()).collect(Collectors.joining());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((signed + "." + nonce).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> decode(@Nullable String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return parameters;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
