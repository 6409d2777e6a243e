package dev.voiceotp.gateway.destination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.GatewayRedisKeys;
import dev.voiceotp.gateway.OtpRequestsTopic;

/** Refused destinations as a producer app meets them (this context allows US, GB, FR, DE and CH). */
class RefusedDestinationTest extends GatewayIntegrationTest {

    @Test
    void shouldRefuseAPremiumRateNumberWith422BeforeRedisOrKafka() throws Exception {
        MvcTestResult result = create(SHOP_KEY, "+19002345678", null, null);

        assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo("destination_type");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("phoneNumber");
        assertThat(result).bodyJson().extractingPath("$.errors[0].reason").isEqualTo("calls to premium-rate numbers are not allowed");
        assertThat(redis.hasKey(RedisKeys.latestForNumber("shop", "+19002345678"))).isFalse();
        assertThat(redis.hasKey(GatewayRedisKeys.numberCalls("+19002345678"))).isFalse();
        assertThat(OtpRequestsTopic.messagesForNumber("+19002345678")).isEmpty();
        assertThat(scrape()).containsPattern("otp_refusals_total\\{app=\"shop\",application=\"api-gateway\",reason=\"destination_type\"} [1-9]");
    }

    @Test
    void shouldRefuseACountryOutsideTheAllowList() throws Exception {
        MvcTestResult result = create(SHOP_KEY, "+81312345678", null, null);

        assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo("destination_country");
        assertThat(result).bodyJson().extractingPath("$.errors[0].reason").isEqualTo("calls to numbers in JP are not enabled");
        assertThat(OtpRequestsTopic.messagesForNumber("+81312345678")).isEmpty();
        assertThat(scrape()).containsPattern("otp_refusals_total\\{app=\"shop\",application=\"api-gateway\",reason=\"destination_country\"} [1-9]");
    }

    @Test
    void shouldApplyThePolicyToTheGuideEndpointToo() {
        // refused as premium rate, which an anonymous caller is not told
        assertThat(mvc.get().uri("/dispatch_otp/19002345678")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .bodyJson().extractingPath("$.detail").isEqualTo("phoneNumber: this number cannot be called");
    }
}
