package dev.voiceotp.worker.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

class WebhookServerThreadsTest {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void shouldHandleNoMoreRequestsAtOnceThanTheBoundAndQueueTheRest() throws Exception {
        WebhookServerThreads threads = new WebhookServerThreads(2);
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        threads.customize(factory);
        WebServer server = factory.getWebServer(context -> context.addServlet("held", new HeldServlet()).addMapping("/"));
        server.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/")).build();
            List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 5)
                    .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                    .toList();

            await().atMost(Duration.ofSeconds(10)).until(() -> running.get() >= 2);
            // time for the other three to reach the server: with a thread per request they would run now
            Thread.sleep(300);
            assertThat(mostAtOnce).hasValue(2);
            assertThat(threads.threads().getQueue()).hasSize(3);

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get(10, TimeUnit.SECONDS).body()).startsWith("webhook-");
            }
        } finally {
            release.countDown();
            client.shutdownNow();
            server.stop();
            threads.destroy();
        }
        assertThat(threads.threads().isTerminated()).isTrue();
    }

    @Test
    void shouldHandleTheQueuedRequestsBeforeTheWebServerStops() throws Exception {
        WebhookServerThreads threads = new WebhookServerThreads(1);
        threads.start();
        AtomicInteger handled = new AtomicInteger();
        threads.threads().execute(() -> {
            awaitRelease();
            handled.incrementAndGet();
        });
        threads.threads().execute(handled::incrementAndGet);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(threads::stop);

        Thread.sleep(200);
        assertThat(stopped).isNotDone();
        assertThat(threads.isRunning()).isTrue();

        release.countDown();
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(handled).hasValue(2);
        assertThat(threads.isRunning()).isFalse();
        threads.destroy();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class HeldServlet extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            awaitRelease();
            running.decrementAndGet();
            response.getWriter().write(Thread.currentThread().getName());
        }
    }
}
