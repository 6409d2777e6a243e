package dev.voiceotp.gateway.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers every app's queued webhooks: one virtual thread per lane of each app with a callback, holding the lane's
 * lease, sending its head, then settling it. A slow or dead endpoint holds only its own app's lanes; the events of one
 * verification share a lane, so a later one waits while an earlier one is retried. A lane with nothing due sleeps
 * until the intake of this instance wakes it, or {@code idle-poll} passes (for deliveries queued by another instance).
 */
final class WebhookLanes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookLanes.class);

    private final Map<String, AppCallback> callbacks;
    private final WebhookQueue queue;
    private final WebhookClient client;
    private final WebhookDeadLetters deadLetters;
    private final WebhookMetrics metrics;
    private final WebhookProperties properties;
    private final Duration lease;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<WebhookQueue.Lane, Semaphore> wakeups = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    WebhookLanes(Collection<AppCallback> callbacks, WebhookQueue queue, WebhookClient client, WebhookDeadLetters deadLetters,
            WebhookMetrics metrics, WebhookProperties properties, Duration lease, JsonMapper json, Clock clock) {
        this.callbacks = new HashMap<>();
        callbacks.forEach(callback -> this.callbacks.put(callback.appId(), callback));
        this.queue = queue;
        this.client = client;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.properties = properties;
        this.lease = lease;
        this.json = json;
        this.clock = clock;
        for (String app : this.callbacks.keySet()) {
            for (int lane = 0; lane < properties.lanes(); lane++) {
                wakeups.put(new WebhookQueue.Lane(app, lane), new Semaphore(0));
            }
        }
    }

    /** Whether this instance delivers anything: webhooks enabled and some app with a callback. */
    public boolean active() {
        return properties.enabled() && !callbacks.isEmpty();
    }

    @Nullable AppCallback callbackOf(String appId) {
        return callbacks.get(appId);
    }

    /** The lane of a verification's events: always the same, so they leave in order. */
    WebhookQueue.Lane laneOf(String appId, String verificationId) {
        return new WebhookQueue.Lane(appId, Math.floorMod(verificationId.hashCode(), properties.lanes()));
    }

    /** Something was queued in this lane: deliver it now rather than at the next poll. */
    void wake(WebhookQueue.Lane lane) {
        Semaphore wakeup = wakeups.get(lane);
        if (wakeup != null) {
            wakeup.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running || !active()) {
            return;
        }
        running = true;
        wakeups.keySet().forEach(lane -> threads.add(Thread.ofVirtual()
                .name("webhooks-" + lane.appId() + "-" + lane.number()).start(() -> run(lane))));
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        for (WebhookQueue.Lane lane : wakeups.keySet()) {
            try {
                queue.release(lane);
            } catch (RuntimeException e) {
                // the lease expires by itself
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run(WebhookQueue.Lane lane) {
        boolean failing = false;
        while (running) {
            try {
                step(lane);
                failing = false;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("Webhook lane {} of app {} failed, trying again every {}: {}", lane.number(), lane.appId(),
                            properties.idlePoll(), e.toString());
                    failing = true;
                }
                try {
                    pause(lane, properties.idlePoll());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void step(WebhookQueue.Lane lane) throws InterruptedException {
        switch (queue.next(lane)) {
            case WebhookQueue.Leased leased -> pause(lane, lease.dividedBy(3));
            case WebhookQueue.Empty empty -> pause(lane, properties.idlePoll());
            case WebhookQueue.Head head -> deliver(lane, head.delivery());
        }
    }

    private void deliver(WebhookQueue.Lane lane, WebhookQueue.Delivery delivery) throws InterruptedException {
        Instant now = clock.instant();
        Instant due = delivery.nextAttempt();
        if (due != null && due.isAfter(now)) {
            Duration wait = Duration.between(now, due);
            pause(lane, wait.compareTo(properties.idlePoll()) < 0 ? wait : properties.idlePoll());
            return;
        }
        AppCallback callback = callbacks.get(lane.appId());
        int attempts = delivery.attempts() + 1;
        Instant first = delivery.firstAttempt() != null ? delivery.firstAttempt() : now;
        switch (client.send(callback.url(), delivery.eventId(), delivery.body(), callback.signature(), now)) {
            case WebhookClient.Delivered delivered -> {
                queue.done(lane, delivery.eventId());
                metrics.delivered(lane.appId(), sinceEvent(delivery));
            }
            case WebhookClient.Refused refused -> giveUp(lane, delivery, refused.reason(), attempts);
            case WebhookClient.Failed failed -> {
                Instant next = now.plus(backoff(attempts, failed.retryAfter()));
                if (Duration.between(first, next).compareTo(properties.retry().giveUpAfter()) > 0) {
                    giveUp(lane, delivery, "gave_up", attempts);
                } else {
                    queue.retryLater(lane, delivery.eventId(), attempts, first, next);
                    metrics.retried(lane.appId());
                }
            }
        }
    }

    private void giveUp(WebhookQueue.Lane lane, WebhookQueue.Delivery delivery, String reason, int attempts)
            throws InterruptedException {
        if (deadLetters.send(lane.appId(), delivery, reason, attempts)) {
            queue.done(lane, delivery.eventId());
            metrics.deadLettered(lane.appId(), reason);
            log.warn("Webhook {} for app {} given up after {} attempt(s): {}", delivery.eventId(), lane.appId(), attempts, reason);
        } else {
            pause(lane, properties.idlePoll());
        }
    }

    /** Doubling from the initial delay up to the maximum, drawn from the upper half; at least what the app asked for. */
    Duration backoff(int attempts, @Nullable Duration retryAfter) {
        WebhookProperties.Retry retry = properties.retry();
        long ceiling = retry.initialDelay().toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(Math.max(ceiling, 1), retry.maxDelay().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    private Duration sinceEvent(WebhookQueue.Delivery delivery) {
        try {
            return Duration.between(Instant.parse(json.readTree(delivery.body()).path("occurredAt").asString("")), clock.instant());
        } catch (DateTimeParseException e) {
            return Duration.ofMillis(-1);
        }
    }

    /** @return false when interrupted (stopping) */
    private boolean pause(WebhookQueue.Lane lane, Duration wait) throws InterruptedException {
        wakeups.get(lane).tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        wakeups.get(lane).drainPermits();
        return running;
    }
}
