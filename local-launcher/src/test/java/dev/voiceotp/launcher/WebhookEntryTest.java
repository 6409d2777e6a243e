package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.voiceotp.testsupport.RedisServerProcess;

/**
 * The local webhook address in front of several workers: a webhook reaches a live worker when another is down,
 * with its signature headers and body as Plivo sent them, and a worker that fails after taking a webhook is not
 * sent it a second time (its nonce is spent): the caller gets a 502 and sends it again.
 */
class WebhookEntryTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpServer live = worker(200);
    private final HttpServer failing = worker(-1);
    private WebhookEntry entry;

    @AfterEach
    void stop() {
        if (entry != null) {
            entry.close();
        }
        live.stop(0);
        failing.stop(0);
    }

    @Test
    void shouldDeliverEveryWebhookToALiveWorkerWhenAnotherIsDown() throws Exception {
        int down = RedisServerProcess.freePort();
        entry = WebhookEntry.start("127.0.0.1", 0, List.of(down, live.getAddress().getPort()));

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = post("/plivo/answer?token=t" + i, "CallUUID=c" + i);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("<Response/>");
        }

        assertThat(received).containsExactly(
                "POST /plivo/answer?token=t0 CallUUID=c0 sig nonce", "POST /plivo/answer?token=t1 CallUUID=c1 sig nonce",
                "POST /plivo/answer?token=t2 CallUUID=c2 sig nonce", "POST /plivo/answer?token=t3 CallUUID=c3 sig nonce");
    }

    @Test
    void shouldNotHandAWebhookToASecondWorkerOnceOneTookIt() throws Exception {
        entry = WebhookEntry.start("127.0.0.1", 0, List.of(failing.getAddress().getPort(), live.getAddress().getPort()));

        HttpResponse<String> response = post("/plivo/hangup?token=t", "CallUUID=c");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(received).as("the live worker").isEmpty();
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + entry.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Plivo-Signature-V3", "sig").header("X-Plivo-Signature-V3-Nonce", "nonce")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A worker that records each webhook and answers XML, or (status -1) drops the connection after reading it. */
    private HttpServer worker(int status) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (status < 0) {
                        exchange.close();
                        return;
                    }
                    received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body + " "
                            + exchange.getRequestHeaders().getFirst("X-Plivo-Signature-V3") + " "
                            + exchange.getRequestHeaders().getFirst("X-Plivo-Signature-V3-Nonce"));
                    byte[] xml = "<Response/>".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(status, xml.length);
                    exchange.getResponseBody().write(xml);
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
