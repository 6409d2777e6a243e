package dev.voiceotp.contract.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.kafka.core.KafkaOperations;

import dev.voiceotp.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Drains the {@link EventOutbox} into {@link Topics#OTP_EVENTS}: reads what no relay has read yet, sends it, and
 * acknowledges and deletes each entry once Kafka acknowledged it ({@code acks=all}). One relay per service instance,
 * on a thread of its own, woken by every event its instance writes and otherwise looking once a second for events
 * other instances left (so a paced, idle worker costs one Redis read a second). Woken, it lingers a moment
 * ({@code linger}) before it reads, so that the events of a call's callbacks, or of calls placed close together, share
 * one read and one Kafka request instead of one each.
 *
 * <p>The entries of a batch Kafka acknowledged are acknowledged and deleted in Redis by the same script run as the
 * relay's next read: one round trip per batch instead of two. So they stay in the stream until that read, at once
 * while events keep coming and within a second otherwise, and on a clean stop the relay deletes them before it
 * leaves. A relay that dies in between leaves them to be claimed and sent again, as it already did an entry sent
 * but not yet acknowledged: at least once, as before, with that window a second wider.
 *
 * <p>What Kafka refuses stays in the stream: every few seconds the relay claims entries that have waited unacknowledged
 * for {@code claimAfter}, its own failed ones and those of relays that died before their ack, and sends them again.
 * While Redis is unreachable the relay retries every second and logs once in a while.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private final EventOutbox outbox;
    private final KafkaOperations<String, Object> kafka;
    private final Duration ackTimeout;
    private final Duration claimAfter;
    private final Duration linger;
    private final String consumer;
    private final Semaphore work = new Semaphore(0);
    private final Counter relayed;
    private final Counter retried;
    private final Counter unreadable;
    private final DistributionSummary batches;
    private final MeterRegistry meters;
    private final PublishedEventCounters publishedEvents;
    private volatile boolean running;
    private @Nullable Thread thread;
    private long nextClaimNanos = System.nanoTime();
    /** Entries on Kafka, deleted from the stream with the next read (see the class comment). */
    private List<RecordId> relayedNotDeleted = List.of();
    private long nextWarningNanos = System.nanoTime();

    /**
     * @param kafka an unobserved template: a relayed event belongs to no request's trace
     * @param settings its timings: how long a batch waits for Kafka's acks before its unacknowledged entries count as
     *     refused, how long an entry stays unacknowledged before a relay takes it over, how long a woken relay lingers
     * @param instance names this relay in the consumer group (with a random suffix: every start is a new member)
     */
    public OutboxRelay(EventOutbox outbox, KafkaOperations<String, Object> kafka, EventsProperties.Outbox settings, String instance,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.ackTimeout = settings.ackTimeout();
        this.claimAfter = settings.claimAfter();
        this.linger = settings.linger();
        this.consumer = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.meters = meters;
        this.publishedEvents = new PublishedEventCounters(meters);
        this.relayed = counter("relayed");
        this.retried = counter("refused");
        this.unreadable = counter("unreadable");
        this.batches = DistributionSummary.builder("otp.events.outbox.batch")
                .description("Entries a relay took from the event outbox in one read (reads that found none not counted)")
                .register(meters);
        Gauge.builder("otp.events.outbox.waiting", this, OutboxRelay::waiting)
                .description("Lifecycle events in the whole outbox: not yet acknowledged by Kafka, or acknowledged and "
                        + "waiting for the relay's next read to delete them (within a second)")
                .register(meters);
    }

    /** Keeps the event in the outbox and wakes the relay. @throws org.springframework.dao.DataAccessException */
    public void submit(OtpEvent event) {
        outbox.append(event);
        wake();
    }

    /** Reads the outbox soon (after the linger): something wrote events to it, see {@link ScriptedEvents}. */
    public void wake() {
        if (work.availablePermits() == 0) {
            work.release();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("event-outbox-relay").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        work.release();
        Thread relay = thread;
        if (relay != null) {
            try {
                relay.join(ackTimeout.plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            outbox.leave(consumer);
        } catch (RuntimeException e) {
            log.debug("could not leave the event outbox's group: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            relayUntilStopped();
        } finally {
            deleteRelayed();
        }
    }

    private void relayUntilStopped() {
        boolean grouped = false;
        while (running) {
            try {
                if (!grouped) {
                    outbox.createGroup();
                    grouped = true;
                }
                if (relayBatch() < BATCH) {
                    if (work.tryAcquire(POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS) && running) {
                        Thread.sleep(linger);
                    }
                    work.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                warn("event outbox unavailable, retrying: {}", e.toString());
                pause();
            }
        }
    }

    /** @return how many entries this round took from the stream */
    private int relayBatch() throws InterruptedException {
        List<EventOutbox.Entry> entries = new ArrayList<>(outbox.doneThenTakeNew(relayedNotDeleted, consumer, BATCH));
        relayedNotDeleted = List.of();
        if (System.nanoTime() - nextClaimNanos >= 0) {
            nextClaimNanos = System.nanoTime() + claimAfter.toNanos() / 2;
            entries.addAll(outbox.claimIdle(consumer, claimAfter, BATCH));
        }
        if (entries.isEmpty()) {
            return 0;
        }
        batches.record(entries.size());
        List<RecordId> done = new ArrayList<>(entries.size());
        List<Sent> sent = new ArrayList<>(entries.size());
        for (EventOutbox.Entry entry : entries) {
            OtpEvent event = entry.event();
            if (event == null) {
                log.error("event outbox entry {} is not an event; dropped", entry.id());
                unreadable.increment();
                done.add(entry.id());
            } else {
                sent.add(new Sent(entry.id(), event, send(event)));
            }
        }
        int refused = awaitAcks(sent, done);
        relayedNotDeleted = done;
        if (refused > 0) {
            retried.increment(refused);
            warn("Kafka refused {} lifecycle events; they wait in the outbox and are sent again", refused);
            pause();
        }
        return entries.size();
    }

    private CompletableFuture<?> send(OtpEvent event) {
        try {
            return kafka.send(Topics.OTP_EVENTS, event.key(), event);
        } catch (RuntimeException e) {
            // no metadata within max.block.ms: the producer throws instead of failing the future
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Adds the acknowledged entries to {@code done}; @return how many Kafka did not acknowledge in time. */
    private int awaitAcks(List<Sent> sent, List<RecordId> done) throws InterruptedException {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        int refused = 0;
        for (Sent one : sent) {
            try {
                one.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done.add(one.id());
                relayed.increment();
                publishedEvents.published(one.event().type());
            } catch (ExecutionException | TimeoutException e) {
                refused++;
            }
        }
        return refused;
    }

    /** On the way out: what is on Kafka leaves the stream now, not with a read that will not come. */
    private void deleteRelayed() {
        try {
            outbox.done(relayedNotDeleted);
            relayedNotDeleted = List.of();
        } catch (RuntimeException e) {
            log.warn("could not delete {} relayed events from the event outbox; they will be sent again: {}",
                    relayedNotDeleted.size(), e.toString());
        }
    }

    private double waiting() {
        try {
            return outbox.size();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void pause() {
        try {
            work.tryAcquire(POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void warn(String message, Object argument) {
        long now = System.nanoTime();
        if (now - nextWarningNanos >= 0) {
            nextWarningNanos = now + WARN_EVERY.toNanos();
            log.warn(message, argument);
        } else if (log.isDebugEnabled()) {
            log.debug(message, argument);
        }
    }

    private Counter counter(String outcome) {
        return Counter.builder("otp.events.outbox.relayed")
                .description("Event outbox entries handled by this instance's relay: relayed to Kafka, refused by Kafka "
                        + "(sent again later), or unreadable (dropped)")
                .tag("outcome", outcome)
                .register(meters);
    }

    private record Sent(RecordId id, OtpEvent event, CompletableFuture<?> ack) {
    }
}
