package dev.voiceotp.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One public address for Plivo's webhooks in front of several local workers, as a load balancer is in a
 * deployment: the workers keep no call state of their own (it is all in Redis), so any of them serves any call's
 * webhooks, and a call whose worker died is answered by another. Requests go round-robin; a worker that refuses
 * the connection is skipped for this request. A worker that fails after taking a request gets no second try here
 * (the webhook may have been handled, and its nonce is spent): the 502 makes Plivo (and the sandbox) send the
 * webhook again, freshly signed, and that reaches the next worker.
 */
final class WebhookEntry implements AutoCloseable {

    /** The headers a webhook's signature check and body parsing need. */
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "User-Agent", "X-Plivo-Signature-V3",
            "X-Plivo-Signature-Ma-V3", "X-Plivo-Signature-V3-Nonce", "X-Plivo-Signature-V2", "X-Plivo-Signature-V2-Nonce");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Integer> workerPorts;
    private final AtomicInteger next = new AtomicInteger();

    private WebhookEntry(String bindAddress, int port, List<Integer> workerPorts) {
        this.workerPorts = List.copyOf(workerPorts);
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen for webhooks on port " + port, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    static WebhookEntry start(String bindAddress, int port, List<Integer> workerPorts) {
        return new WebhookEntry(bindAddress, port, workerPorts);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int first = Math.floorMod(next.getAndIncrement(), workerPorts.size());
            for (int i = 0; i < workerPorts.size(); i++) {
                int port = workerPorts.get((first + i) % workerPorts.size());
                try {
                    HttpResponse<byte[]> response = http.send(request(exchange, port, body), HttpResponse.BodyHandlers.ofByteArray());
                    response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
                    exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                    exchange.getResponseBody().write(response.body());
                    return;
                } catch (ConnectException | HttpConnectTimeoutException e) {
                    // this worker is down: the request never reached it, so the next one may take it
                } catch (IOException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private static HttpRequest request(HttpExchange exchange, int port, byte[] body) {
        URI uri = exchange.getRequestURI();
        String target = "http://localhost:" + port + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return request.build();
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
