package dev.voiceotp.worker.web;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The worker's web server handles at most {@code server.tomcat.threads.max} requests at once, each on a virtual
 * thread; requests beyond that wait in a queue until one ends.
 *
 * <p>Every request in progress holds one of Tomcat's request processors, about 70 KB of buffers that Tomcat keeps
 * for reuse afterwards (up to {@code server.tomcat.processor-cache} of them). Plivo's callbacks arrive in bursts
 * when many calls are placed at once, and with Boot's unbounded thread per request every callback of a burst held a
 * processor at once: in a worker working off a backlog about 200 processors stayed cached, 14 MB of a 128 MB heap
 * whose live data was then about 70 MB, and in one work-off sequence it made 32 full collections against 5 with the
 * bound (bench/README.md). A waiting request holds a few bytes in the queue instead, and only as many processors
 * exist as requests run.
 *
 * <p>Virtual threads still, as in the other services: Tomcat's own pool of platform threads, bounded the same way,
 * did as well on the heap, and its glibc heap was larger. Runs after Boot's customizer that gives Tomcat a thread per
 * request, and replaces it.
 *
 * <p>On shutdown, after Boot's graceful shutdown has stopped taking connections and waited for the requests in
 * progress, the queued callbacks are handled too before the web server stops (at most {@link #DRAIN_LIMIT}): Boot's
 * wait sees only requests that have started, and a callback dropped then would be an answer URL left unanswered or
 * a call's end unreported. The threads are stopped when the context closes, after the web server.
 */
@Component
class WebhookServerThreads
        implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered, SmartLifecycle, DisposableBean {

    static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);
    private static final Duration DRAIN_POLL = Duration.ofMillis(20);
    private static final Logger log = LoggerFactory.getLogger(WebhookServerThreads.class);

    /** Not a bean of its own: an executor bean would make Boot leave out its application task executor. */
    private final ThreadPoolExecutor threads;
    private volatile boolean running;

    WebhookServerThreads(@Value("${server.tomcat.threads.max:200}") int maxConcurrentRequests) {
        threads = new ThreadPoolExecutor(maxConcurrentRequests, maxConcurrentRequests, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofVirtual().name("webhook-", 0).factory());
        // an idle worker keeps no threads
        threads.allowCoreThreadTimeOut(true);
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addProtocolHandlerCustomizers(protocol -> protocol.setExecutor(threads));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Waits until every queued request has been handled, or {@link #DRAIN_LIMIT} has passed. */
    @Override
    public void stop() {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        try {
            for (int pending = pendingRequests(); pending > 0; pending = pendingRequests()) {
                if (System.nanoTime() > deadline) {
                    log.warn("{} callbacks still queued or in progress after {}; the web server stops now", pending, DRAIN_LIMIT);
                    break;
                }
                Thread.sleep(DRAIN_POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    /** Requests running and queued; approximate while they change, exact once none arrive. */
    private int pendingRequests() {
        return threads.getActiveCount() + threads.getQueue().size();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Between Boot's graceful shutdown (stopped first) and the web server's stop. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;
    }

    @Override
    public void destroy() {
        threads.close();
    }

    /** For tests: the executor Tomcat is given. */
    ThreadPoolExecutor threads() {
        return threads;
    }
}
