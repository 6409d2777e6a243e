package dev.voiceotp.sandbox.call;

import dev.voiceotp.contract.phone.PhoneNumbers;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Places calls: records each one and runs its script on a virtual thread of its own, so the Call API answers at
 * once, as Plivo does, however slow the application's callbacks are.
 */
@Component
public class CallSimulator {

    private static final Logger log = LoggerFactory.getLogger(CallSimulator.class);

    private final CallStore store;
    private final CallScripts scripts;
    private final Hangup hangup;
    private final Clock clock;
    private final ExecutorService calls =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sandbox-call-", 0).factory());

    CallSimulator(CallStore store, CallScripts scripts, Hangup hangup, Clock clock) {
        this.store = store;
        this.scripts = scripts;
        this.hangup = hangup;
        this.clock = clock;
    }

    public CallRecord place(CallRequest request) {
        CallRecord call = new CallRecord(UUID.randomUUID().toString(), UUID.randomUUID().toString(), request, clock);
        store.add(call);
        log.info("Call {} placed from {} to {}", call.requestUuid(), PhoneNumbers.mask(request.from()),
                PhoneNumbers.mask(request.to()));
        CallScript script = scripts.scriptFor(request);
        calls.execute(() -> run(call, script));
        return call;
    }

    private void run(CallRecord call, CallScript script) {
        try {
            hangup.hangUp(call, play(call, script));
        } catch (InterruptedException e) {
            call.fail("the sandbox stopped during the call");
            call.finish();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Call {} broke the simulation", call.requestUuid(), e);
            call.fail("sandbox error: " + e.getClass().getSimpleName());
            call.finish();
        }
    }

    private static HangupCause play(CallRecord call, CallScript script) throws InterruptedException {
        for (CallStep step : script.steps()) {
            Optional<HangupCause> end = step.run(call);
            if (end.isPresent()) {
                return end.get();
            }
        }
        return HangupCause.NORMAL_CLEARING;
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }
}
