package dev.voiceotp.sandbox.call;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;
import dev.voiceotp.sandbox.callback.CallbackClient;

/**
 * Chooses how each call unfolds. Today every callee answers, listens and hangs up; per-number behaviours (busy,
 * no-answer, machine, slow answer URL, DTMF) become further scripts picked here by destination.
 */
@Component
class CallScripts {

    private final CallScript answeredAndHeard;

    CallScripts(SandboxProperties properties, CallbackClient callbacks) {
        this.answeredAndHeard = new CallScript(List.of(
                new Ring(properties.answerDelay()),
                new Answer(callbacks),
                new Talk(properties.callDuration())));
    }

    CallScript scriptFor(CallRequest request) {
        return answeredAndHeard;
    }
}
