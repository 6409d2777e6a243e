package dev.voiceotp.worker.prompt;

import java.util.Arrays;
import java.util.Optional;

/** The keypad prompts of the call, each with its own action URL {@code /plivo/digits/{token}/{step}}. */
public enum DigitsStep {
    /** press-key mode: a key was pressed, so a person is listening; read the code. */
    START("start"),
    /** "Press 1 to hear it again". */
    REPEAT("repeat"),
    /** Confirm-in-call: the code typed on the keypad (or star, to hear it again). */
    CONFIRM("confirm");

    private final String path;

    DigitsStep(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<DigitsStep> fromPath(String path) {
        return Arrays.stream(values()).filter(step -> step.path.equals(path)).findFirst();
    }
}
