package dev.voiceotp.gateway.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** What an unauthenticated caller learns from a refusal: that it was refused, and when to try again. */
class RequestRefusedTest {

    @Test
    void shouldHideWhichCapTrippedAndWhenItReopens() {
        RequestRefused cap = RequestRefused.tooMany(RefusalReason.SPEND_CAP_COUNTRY, "The hourly cap of calls to CH is spent.", Duration.ofMinutes(47));

        RequestRefused anonymous = cap.anonymous();

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(anonymous.getBody().getDetail()).isEqualTo("Too many requests; try again later.");
        assertThat(anonymous.getBody().getProperties()).doesNotContainKey("reason");
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(cap.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2820");
    }

    @Test
    void shouldHideWhenACapOfCallsToTheNumberReopens() {
        RequestRefused cap = RequestRefused.tooMany(RefusalReason.NUMBER_CALLS_DAILY, "This number had its calls for today.", Duration.ofHours(9));

        assertThat(cap.anonymous().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(cap.anonymous().getBody().getProperties()).doesNotContainKey("reason");
    }

    @Test
    void shouldKeepTheCallersOwnRetryAfterForARateLimitButNotItsName() {
        RequestRefused limit = RequestRefused.tooMany(RefusalReason.RATE_LIMIT_IP, "Too many requests from this address.", Duration.ofSeconds(42));

        RequestRefused anonymous = limit.anonymous();

        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("42");
        assertThat(anonymous.getBody().getDetail()).doesNotContain("address");
        assertThat(anonymous.getBody().getProperties()).doesNotContainKey("reason");
    }

    @Test
    void shouldNotNameTheCountryOfARefusedDestination() {
        RequestRefused country = RequestRefused.destination(RefusalReason.DESTINATION_COUNTRY, "calls to numbers in GB are not enabled");

        RequestRefused anonymous = country.anonymous();

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(anonymous.getBody().getDetail()).isEqualTo("phoneNumber: this number cannot be called");
        assertThat(anonymous.getBody().getProperties()).doesNotContainKey("reason");
        assertThat(anonymous.reason()).isEqualTo(RefusalReason.DESTINATION_COUNTRY);
    }
}
