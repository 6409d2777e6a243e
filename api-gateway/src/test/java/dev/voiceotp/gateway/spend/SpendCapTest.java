package dev.voiceotp.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpRequestsTopic;

/**
 * The spend guard: the app {@code frugal} may cause 2 calls per UTC day, and this context caps calls to CH at 2 per
 * hour. The clock is first moved to the middle of a window, so no boundary passes during a test.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpendCapTest extends GatewayIntegrationTest {

    @Test
    void shouldRefuseAnAppsCallsOnceItsDailyCapIsSpent(CapturedOutput output) throws Exception {
        Instant noonTomorrow = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36));
        clock.advance(Duration.between(clock.instant(), noonTomorrow));
        createdId(FRUGAL_KEY, "+14155550201");
        // a repeated request inside the resend cooldown places no call, so it is not charged
        assertThat(create(FRUGAL_KEY, "+14155550201", null, null)).hasStatus(HttpStatus.ACCEPTED);
        createdId(FRUGAL_KEY, "+14155550202");

        MvcTestResult refused = create(FRUGAL_KEY, "+14155550203", null, null);
        MvcTestResult refusedAgain = create(FRUGAL_KEY, "+14155550204", null, null);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).bodyJson().extractingPath("$.reason").isEqualTo("spend_cap_app");
        assertThat(refusedAgain).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        // until midnight UTC, twelve hours away
        assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER)))
                .isBetween(Duration.ofHours(12).toSeconds() - 60, Duration.ofHours(12).toSeconds());
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550203")).isEmpty();
        // one warning per tripped window, not one per refused request
        assertThat(output.getOut().split("Spend cap reached for app frugal", -1)).hasSize(2);
        assertThat(scrape()).contains("otp_spend_calls_total{app=\"frugal\",application=\"api-gateway\"} 2.0")
                .contains("otp_spend_cap{app=\"frugal\",application=\"api-gateway\"} 2.0")
                .contains("otp_refusals_total{app=\"frugal\",application=\"api-gateway\",reason=\"spend_cap_app\"} 2.0");
    }

    @Test
    void shouldRefuseCallsToACountryOnceItsHourlyCapIsSpent(CapturedOutput output) throws Exception {
        Instant halfPast = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(90));
        clock.advance(Duration.between(clock.instant(), halfPast));
        createdId(SHOP_KEY, "+41441234567");
        createdId(OTHER_KEY, "+41212345678");

        MvcTestResult refused = create(SHOP_KEY, "+41442345678", null, null);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).bodyJson().extractingPath("$.reason").isEqualTo("spend_cap_country");
        assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("calls to CH");
        assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER)))
                .isBetween(Duration.ofMinutes(30).toSeconds() - 60, Duration.ofMinutes(30).toSeconds());
        assertThat(output).contains("Spend cap reached for country CH");
        // other countries are not affected
        createdId(SHOP_KEY, "+14155550205");
    }
}
