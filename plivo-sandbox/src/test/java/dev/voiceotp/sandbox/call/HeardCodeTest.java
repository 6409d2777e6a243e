package dev.voiceotp.sandbox.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeardCodeTest {

    @Test
    void shouldFindTheLastCodeWhetherSpokenAsOneNumberOrDigitByDigit() {
        assertThat(HeardCode.lastIn("Your code is 042917. Press 1 to hear it again.")).contains("042917");
        assertThat(HeardCode.lastIn("Your code is 0 4 2, 9 1 7. Again: 5 5 1 2 0 4.")).contains("551204");
        assertThat(HeardCode.lastIn("Code 482915. 482915.")).contains("482915");
    }

    @Test
    void shouldHearNoCodeInSingleDigitsOrOverlongNumbers() {
        assertThat(HeardCode.lastIn("Press 1 to hear it again, or 2 to end.")).isEmpty();
        assertThat(HeardCode.lastIn("Call 1234567890123 for help.")).isEmpty();
        assertThat(HeardCode.lastIn(null)).isEmpty();
    }
}
