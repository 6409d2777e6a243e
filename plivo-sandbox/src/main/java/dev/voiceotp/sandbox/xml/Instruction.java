package dev.voiceotp.sandbox.xml;

import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One element of a {@code <Response>}, kept as data so the call simulation can play it: speak, wait, collect
 * digits, follow a redirect, hang up.
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

    /**
     * {@code <GetDigits>} with Plivo's defaults for absent attributes and the prompts nested in it.
     *
     * @param retries how many times the prompt is played and input awaited before falling through (at least 1)
     * @param redirect whether the action URL's XML replaces the current document (Plivo's default) or the call
     *        continues after the GetDigits once the action URL has been told
     */
    record GetDigits(@Nullable String action, @Nullable String method, int timeoutSeconds, String finishOnKey,
            int numDigits, int retries, boolean redirect, String validDigits, List<Instruction> prompts)
            implements Instruction {

        public static final String DEFAULT_VALID_DIGITS = "1234567890*#";
    }

    /** {@code <Redirect method>url</Redirect>}: the call continues with the XML that URL returns. */
    record Redirect(String url, @Nullable String method) implements Instruction {
    }

    /** Any other verb ({@code Play}, {@code Record}, {@code Dial}...): recorded by name and skipped. */
    record Unsupported(String element) implements Instruction {
    }
}
