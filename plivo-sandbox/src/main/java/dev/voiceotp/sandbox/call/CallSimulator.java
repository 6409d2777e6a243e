package dev.voiceotp.sandbox.call;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.sandbox.scenario.Scenario;

/**
 * Places calls: gives each one its calls-per-second slot, records it and runs its script on a virtual thread of its
 * own, so the Call API answers at once, as Plivo does, however slow the application's callbacks are.
 */
@Component
public class CallSimulator {

    private static final Logger log = LoggerFactory.getLogger(CallSimulator.class);

    private final CallStore store;
    private final CallScripts scripts;
    private final CallPacer pacer;
    private final Hangup hangup;
    private final Clock clock;
    private final ByHandNumbers byHand;
    private final ExecutorService calls =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sandbox-call-", 0).factory());

    CallSimulator(CallStore store, CallScripts scripts, CallPacer pacer, Hangup hangup, Clock clock, ByHandNumbers byHand) {
        this.byHand = byHand;
        this.store = store;
        this.scripts = scripts;
        this.pacer = pacer;
        this.hangup = hangup;
        this.clock = clock;
    }

    /** Whether the calls-per-second queue can take {@code calls} more calls now. */
    public boolean canQueue(int calls) {
        return pacer.hasRoomFor(calls, clock.instant());
    }

    /**
     * Fires one call whose API request arrived at {@code arrivedAt}; {@code scenario} says what the callee does and
     * which digits it presses. Plivo counts a call against the account's calls per second when its request arrives,
     * not once it has been read and checked.
     */
    public CallRecord place(CallRequest request, Scenario scenario, Instant arrivedAt) {
        CallRecord call = new CallRecord(UUID.randomUUID().toString(), UUID.randomUUID().toString(), request,
                scenario.outcome(), scenario.digits(), clock, arrivedAt, pacer.reserve(arrivedAt), byHand.contains(request.to()));
        store.add(call);
        // debug: the worker logs every call it places, and at load a line per call here cost the sandbox about a
        // twentieth of its processor time; GET /sandbox/calls lists the calls
        log.debug("Call {} placed from {} to {}", call.requestUuid(), PhoneNumbers.mask(request.from()),
                PhoneNumbers.mask(request.to()));
        CallScript script = scripts.scriptFor(request, scenario.outcome());
        calls.execute(() -> run(call, script));
        return call;
    }

    private void run(CallRecord call, CallScript script) {
        try {
            hangup.hangUp(call, play(call, script));
        } catch (InterruptedException e) {
            call.abandon("the sandbox stopped during the call");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Call {} broke the simulation", call.requestUuid(), e);
            call.abandon("sandbox error: " + e.getClass().getSimpleName());
        }
    }

    private static HangupCause play(CallRecord call, CallScript script) throws InterruptedException {
        try {
            for (CallStep step : script.steps()) {
                Optional<HangupCause> end = step.run(call);
                if (end.isPresent()) {
                    return end.get();
                }
            }
            return HangupCause.NORMAL_CLEARING;
        } catch (TimeLimitReached e) {
            call.event(CallEvent.Type.TIME_LIMIT, "time_limit of " + call.request().timeLimit().toSeconds()
                    + " s reached");
            return HangupCause.TIME_LIMIT;
        }
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }
}
