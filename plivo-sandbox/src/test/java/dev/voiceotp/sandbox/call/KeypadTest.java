package dev.voiceotp.sandbox.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.voiceotp.sandbox.xml.Instruction;

class KeypadTest {

    private final CallRecord call = Calls.to("keys", "+14155550111");

    @Test
    void shouldTypeTheHeardCodeAndStopAtTheFinishKey() {
        call.spoke("Your code is 042917.");

        assertThat(Keypad.typed("{code}#99", call, getDigits(99, "#", Instruction.GetDigits.DEFAULT_VALID_DIGITS)))
                .contains("042917");
    }

    @Test
    void shouldStopAtNumDigitsAndDropKeysPlivoWouldIgnore() {
        assertThat(Keypad.typed("1234", call, getDigits(2, "#", Instruction.GetDigits.DEFAULT_VALID_DIGITS))).contains("12");
        assertThat(Keypad.typed("1*2", call, getDigits(9, "#", "12"))).contains("12");
    }

    @Test
    void shouldPressNothingForAnEmptyEntryOrACodeNotYetHeard() {
        assertThat(Keypad.typed("", call, getDigits(6, "#", Instruction.GetDigits.DEFAULT_VALID_DIGITS))).isEmpty();
        assertThat(Keypad.typed("{code}", call, getDigits(6, "#", Instruction.GetDigits.DEFAULT_VALID_DIGITS))).isEmpty();
    }

    private static Instruction.GetDigits getDigits(int numDigits, String finishOnKey, String validDigits) {
        return new Instruction.GetDigits("/action", "POST", 5, finishOnKey, numDigits, 1, true, validDigits, List.of());
    }
}
