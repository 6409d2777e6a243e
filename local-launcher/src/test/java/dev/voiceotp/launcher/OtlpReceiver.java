package dev.voiceotp.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A trace collector for tests: accepts OTLP/HTTP exports ({@code POST /v1/traces}, protobuf) from the services and
 * keeps each body as it came, so a test can search every span, attribute and resource for what must never be in
 * a trace. Strings in protobuf are plain UTF-8, so a body read as text shows every value a tracing backend would.
 */
final class OtlpReceiver implements AutoCloseable {

    static final String PATH = "/v1/traces";

    private final HttpServer server;
    private final List<String> exports = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, this::receive);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Every export so far, its bytes read as ISO-8859-1 (one character per byte, nothing lost). */
    List<String> exports() {
        return List.copyOf(exports);
    }

    /** True once some export carries spans of the service (its {@code service.name} resource attribute). */
    boolean hasSpansOf(String service) {
        return exports.stream().anyMatch(export -> export.contains(service));
    }

    /** Keeps what was received for a look after the test (one export per line block, bytes as ISO-8859-1). */
    void saveTo(Path file) {
        try {
            Files.writeString(file, String.join("\n----\n", exports), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            exports.add(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
