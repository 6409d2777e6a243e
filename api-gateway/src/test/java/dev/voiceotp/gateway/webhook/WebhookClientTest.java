package dev.voiceotp.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each answer of an app means for its delivery. */
class WebhookClientTest {

    @ParameterizedTest
    @CsvSource({
            "200, delivered, 2xx", "204, delivered, 2xx",
            "500, failed, 5xx", "503, failed, 5xx", "408, failed, 408", "429, failed, 429",
            "400, refused, 4xx", "401, refused, 4xx", "404, refused, 4xx", "410, refused, 4xx",
            "301, refused, redirect", "302, refused, redirect", "307, refused, redirect"})
    void shouldClassifyEveryAnswer(int status, String kind, String reason) {
        WebhookClient.Result result = WebhookClient.classify(status, Optional.empty());

        assertThat(switch (result) {
            case WebhookClient.Delivered delivered -> "delivered";
            case WebhookClient.Failed failed -> "failed";
            case WebhookClient.Refused refused -> "refused";
        }).isEqualTo(kind);
        assertThat(result.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(value = {"120, PT2M", "0, PT0S", "-5, null", "soon, null", "'Wed, 21 Oct 2026 07:28:00 GMT', null"}, nullValues = "null")
    void shouldHonourASecondsRetryAfterAndIgnoreAnythingElse(String header, Duration expected) {
        WebhookClient.Result result = WebhookClient.classify(429, Optional.of(header));

        assertThat(((WebhookClient.Failed) result).retryAfter()).isEqualTo(expected);
    }
}
