package dev.voiceotp.sandbox.call;

import java.util.Optional;

import dev.voiceotp.sandbox.xml.Instruction;

/**
 * What reaches Plivo when the callee types a scenario entry at one GetDigits: {@code {code}} becomes the code heard
 * so far, keys outside {@code validDigits} are ignored, the finish key ends the input (and is not sent), and input
 * stops at {@code numDigits}.
 */
final class Keypad {

    private Keypad() {
    }

    /** Empty when nothing reaches Plivo: an empty entry, or {@code {code}} with no code heard yet. */
    static Optional<String> typed(String entry, CallRecord call, Instruction.GetDigits getDigits) {
        String keys = entry.contains("{code}") ? entry.replace("{code}", HeardCode.lastIn(call.spokenText()).orElse(""))
                : entry;
        StringBuilder sent = new StringBuilder();
        for (char key : keys.toCharArray()) {
            if (getDigits.finishOnKey().indexOf(key) >= 0) {
                break;
            }
            if (getDigits.validDigits().indexOf(key) >= 0) {
                sent.append(key);
            }
            if (sent.length() >= getDigits.numDigits()) {
                break;
            }
        }
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent.toString());
    }
}
