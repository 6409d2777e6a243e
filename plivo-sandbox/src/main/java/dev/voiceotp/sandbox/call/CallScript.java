package dev.voiceotp.sandbox.call;

import java.util.List;

/** How a call unfolds, step by step, until a step ends it or the steps run out (an ordinary hangup). */
record CallScript(List<CallStep> steps) {

    CallScript {
        steps = List.copyOf(steps);
    }
}
