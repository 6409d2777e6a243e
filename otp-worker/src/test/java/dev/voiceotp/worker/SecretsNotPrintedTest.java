package dev.voiceotp.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The worker's settings that hold secrets print none of them: a record's own toString would print every component. */
class SecretsNotPrintedTest {

    private static final String TOKEN = "plivo-auth-token-0123456789";
    private static final String PREVIOUS_TOKEN = "previous-plivo-token-0123456789";
    private static final String KEY = "S2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0=";

    @Test
    void shouldKeepThePlivoTokensAndThePromptKeyOutOfTheWorkersSettings() {
        WorkerProperties properties = TestProperties.worker(Map.of("voice-otp.worker.plivo.auth-token", TOKEN,
                "voice-otp.worker.plivo.previous-auth-tokens[0]", PREVIOUS_TOKEN, "voice-otp.worker.prompt.encryption-key", KEY));

        assertThat(properties.plivo().toString()).doesNotContain(TOKEN, PREVIOUS_TOKEN).contains("fromNumber=");
        assertThat(properties.prompt().toString()).doesNotContain(KEY).contains("defaultLocale=");
        assertThat(properties.toString()).doesNotContain(TOKEN, PREVIOUS_TOKEN, KEY);
    }
}
