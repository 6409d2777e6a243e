package dev.voiceotp.contract.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.record.RecordSigningProperties;
import dev.voiceotp.contract.verification.CodeProperties;

/** Configuration records that hold secrets print none of them: a record's own toString would print every component. */
class SecretsNotPrintedTest {

    private static final String SECRET = "code-hmac-secret-0123456789-0123456789";
    private static final String PREVIOUS = "previous-secret-0123456789-0123456789";

    @Test
    void shouldKeepTheCodeSecretsOutOfCodeProperties() {
        String printed = new CodeProperties(6, Duration.ofMinutes(10), 5, SECRET, Duration.ofHours(1), 10, Duration.ofHours(1),
                List.of(PREVIOUS)).toString();

        assertThat(printed).doesNotContain(SECRET, PREVIOUS).contains("length=6", "maxAttempts=5");
    }

    @Test
    void shouldKeepTheRecordSecretsOutOfRecordSigningProperties() {
        String printed = new RecordSigningProperties(SECRET, List.of(PREVIOUS), Map.of("shop", List.of(PREVIOUS + "-shop"))).toString();

        assertThat(printed).doesNotContain(SECRET, PREVIOUS).contains("shop");
    }

    @Test
    void shouldKeepTheWebhookSecretsOutOfACallback() {
        String secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";
        String printed = new ProducerAppsProperties.Callback(URI.create("https://shop.example/hooks"), List.of(), List.of(secret), true)
                .toString();

        assertThat(printed).doesNotContain(secret).contains("https://shop.example/hooks");
    }
}
