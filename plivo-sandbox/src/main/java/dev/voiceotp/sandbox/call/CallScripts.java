package dev.voiceotp.sandbox.call;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;
import dev.voiceotp.sandbox.scenario.Outcome;

/**
 * Chooses how each call unfolds from what its scenario makes the callee do. Every script starts by waiting for the
 * call's calls-per-second slot; what follows is Plivo's sequence for that outcome.
 */
@Component
class CallScripts {

    private final SandboxProperties properties;
    private final CallbackSender callbacks;
    private final XmlPlayer player;
    private final Clock clock;

    CallScripts(SandboxProperties properties, CallbackSender callbacks, XmlPlayer player, Clock clock) {
        this.properties = properties;
        this.callbacks = callbacks;
        this.player = player;
        this.clock = clock;
    }

    CallScript scriptFor(CallRequest request, Outcome outcome) {
        CallStep slot = new WaitForSlot(clock);
        Ring ring = new Ring(properties.answerDelay(), callbacks);
        Answer answer = new Answer(callbacks, player);
        Talk talk = new Talk(properties.callDuration());
        return new CallScript(switch (outcome) {
            case ANSWER -> List.of(slot, ring, new PickUp(false, properties.maxPause()), answer, talk);
            case MACHINE -> List.of(slot, ring, new PickUp(true, properties.maxPause()), answer, talk);
            case BUSY -> List.of(slot, new End(HangupCause.USER_BUSY));
            case NO_ANSWER -> List.of(slot, new Ring(unansweredRing(request), callbacks), new End(HangupCause.NO_ANSWER));
            case FAILED -> List.of(slot, new End(HangupCause.DESTINATION_FAILED));
        });
    }

    /** An unanswered phone rings for {@code ring_timeout}, capped so tests are not held up for minutes. */
    private Duration unansweredRing(CallRequest request) {
        return Pause.atMost(request.ringTimeout(), properties.maxRing());
    }
}
