package dev.voiceotp.worker.attempt;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;

/**
 * Takes due entries off the call schedule and makes their attempts, each on a virtual thread of its own (an
 * attempt may wait for its pacing slot; one that gets none in time stays due and is taken again). Entries are
 * leased, not removed, until handled: if this worker dies mid-way, another takes them when the lease ends. The
 * schedule is read when its earliest entry comes due, when this worker schedules one sooner ({@link CallScheduleAlarm}),
 * and at the latest every poll interval. Stops before Redis and Kafka do, and lets attempts in hand finish.
 */
@Component
class DueCallRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueCallRunner.class);
    private static final int MAX_IN_FLIGHT = 16;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final CallSchedule schedule;
    private final CallScheduleAlarm alarm;
    private final VerificationDispatcher dispatcher;
    private final Clock clock;
    private final Duration pollInterval;
    /** Longer than one attempt can take: pacing's max wait plus Plivo's timeouts, with room to spare. */
    private final Duration lease;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /** A read found every attempt slot taken: the next attempt to finish asks for a read. */
    private volatile boolean starved;
    private volatile Thread poller;
    private volatile ExecutorService attempts;
    private volatile boolean running;

    DueCallRunner(CallSchedule schedule, CallScheduleAlarm alarm, VerificationDispatcher dispatcher, Clock clock, WorkerProperties properties) {
        this.schedule = schedule;
        this.alarm = alarm;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.pollInterval = properties.retry().pollInterval();
        this.lease = properties.pacing().maxWait().plus(properties.plivo().connectTimeout())
                .plus(properties.plivo().readTimeout().multipliedBy(3)).plusSeconds(30);
    }

    @Override
    public void start() {
        attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("call-schedule-", 0).factory());
        running = true;
        poller = Thread.ofPlatform().name("call-schedule-poller").daemon().start(this::pollWhileRunning);
    }

    private void pollWhileRunning() {
        try {
            while (running) {
                alarm.awaitRead();
                poll();
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void poll() {
        alarm.planNextWithin(pollInterval);
        starved = true;
        int free = inFlight.availablePermits();
        if (free == 0) {
            return;
        }
        starved = false;
        try {
            CallSchedule.Lease due = schedule.lease(clock.instant(), lease, free);
            due.nextDue().ifPresent(alarm::dueAt);
            for (String verificationId : due.verificationIds()) {
                inFlight.acquireUninterruptibly();
                attempts.execute(() -> run(verificationId, due));
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the call schedule: {}", e.toString());
        }
    }

    private void run(String verificationId, CallSchedule.Lease due) {
        try {
            if (dispatcher.redispatch(verificationId)) {
                schedule.finish(verificationId, due);
            } else {
                schedule.scheduleNoLaterThan(verificationId, clock.instant());
            }
        } catch (RuntimeException e) {
            // the entry stays leased and comes back when the lease ends
            log.warn("Scheduled call attempt of verification {} failed: {}", verificationId, e.toString());
        } finally {
            inFlight.release();
            if (starved) {
                alarm.now();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        poller.interrupt();
        attempts.shutdown();
        try {
            if (!attempts.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Scheduled call attempts still running at shutdown; their entries come back when the lease ends");
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
