package dev.voiceotp.sandbox.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CallbackNonceTest {

    @Test
    void shouldAlwaysBeTwentyDecimalDigitsAsPlivosAre() {
        // one ten-digit half in ten is below 10^9 and needs leading zeros: a thousand nonces meet that many times
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String nonce = CallbackClient.nonce();
            assertThat(nonce).matches("\\d{20}");
            nonces.add(nonce);
        }
        assertThat(nonces).hasSize(1_000);
        assertThat(nonces).anyMatch(nonce -> nonce.startsWith("0") || nonce.charAt(10) == '0');
    }
}
