package dev.voiceotp.sandbox.xml;

import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One element of a {@code <Response>}. Kept as data, not just text, so later simulations (waits, GetDigits actions,
 * early hangups) can act on the document without parsing it again.
 */
public sealed interface Instruction {

    /** {@code <Speak>}: {@code text} is heard once per loop; Plivo's loop 0 (until hangup) counts as once. */
    record Speak(String text, @Nullable String voice, @Nullable String language, int loop) implements Instruction {

        public String heard() {
            return String.join(" ", Collections.nCopies(Math.max(loop, 1), text));
        }
    }

    /** {@code <Wait length>} in seconds. */
    record Wait(int lengthSeconds) implements Instruction {
    }

    /** {@code <Hangup reason>}. */
    record Hangup(@Nullable String reason) implements Instruction {
    }

    /** {@code <GetDigits>} with the prompts nested in it. */
    record GetDigits(@Nullable String action, @Nullable String method, List<Instruction> prompts) implements Instruction {
    }

    /** Any other verb ({@code Play}, {@code Record}, {@code Redirect}...): recorded by name only, for now. */
    record Unsupported(String element) implements Instruction {
    }
}
