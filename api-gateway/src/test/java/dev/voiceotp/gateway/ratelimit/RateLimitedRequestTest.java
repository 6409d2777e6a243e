package dev.voiceotp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpRequestsTopic;

/**
 * Rate limits as a producer app meets them: 429, {@code Retry-After} and the limit's name, before anything reaches
 * Kafka. In this context 127.0.0.1 and 10.0.0.0/8 are trusted proxies and the per-address limit is 3 a minute.
 */
class RateLimitedRequestTest extends GatewayIntegrationTest {

    @Test
    void shouldAnswer429WithRetryAfterAndTheLimitsNameOnceANumberHasUsedItsRequests() throws Exception {
        // ten requests per number per ten minutes; after the first, each returns the pending verification
        for (int i = 0; i < 10; i++) {
            assertThat(create(SHOP_KEY, "+14155550161", null, null)).hasStatus(HttpStatus.ACCEPTED);
        }

        MvcTestResult refused = create(SHOP_KEY, "+14155550161", null, null);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .containsHeader(HttpHeaders.RETRY_AFTER);
        // ten per ten minutes, refilled evenly: the next request is allowed within a minute
        assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(30L, 60L);
        assertThat(refused).bodyJson().extractingPath("$.reason").isEqualTo("rate_limit_number");
        assertThat(refused).bodyJson().extractingPath("$.status").isEqualTo(429);
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550161")).hasSize(1);
        assertThat(scrape()).containsPattern("otp_refusals_total\\{app=\"shop\",application=\"api-gateway\",reason=\"rate_limit_number\"} [1-9]")
                .containsPattern("otp_requests_total\\{app=\"shop\",application=\"api-gateway\",outcome=\"refused\"} [1-9]");
    }

    @Test
    void shouldAnswerARetryWithItsIdempotencyKeyAsTheFirstTimeEvenWhenTheLimitsRefuseTheNumberNow() throws Exception {
        MvcTestResult first = create(SHOP_KEY, "+14155550168", null, "order-168");
        for (int i = 0; i < 9; i++) {
            assertThat(create(SHOP_KEY, "+14155550168", null, null)).hasStatus(HttpStatus.ACCEPTED);
        }
        assertThat(create(SHOP_KEY, "+14155550168", null, null)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);

        MvcTestResult retry = create(SHOP_KEY, "+14155550168", null, "order-168");

        assertThat(first).hasStatus(HttpStatus.ACCEPTED);
        assertThat(retry).hasStatus(HttpStatus.ACCEPTED);
        assertThat(retry.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
        assertThat(create(SHOP_KEY, "+14155550168", null, "order-168-new")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550168")).hasSize(1);
    }

    @Test
    void shouldHoldAnAppToItsRequestsPerMinute() {
        assertThat(create(TINY_KEY, "+14155550162", null, null)).hasStatus(HttpStatus.ACCEPTED);
        assertThat(create(TINY_KEY, "+14155550163", null, null)).hasStatus(HttpStatus.ACCEPTED);

        assertThat(create(TINY_KEY, "+14155550164", null, null)).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .bodyJson().extractingPath("$.reason").isEqualTo("rate_limit_app");
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550164")).isEmpty();
    }

    @Test
    void shouldLimitTheEndUserAddressATrustedProxyForwards() {
        for (int i = 0; i < 3; i++) {
            assertThat(fromAddress("127.0.0.1", "203.0.113.50", "+1415555017" + i)).hasStatus(HttpStatus.ACCEPTED);
        }

        assertThat(fromAddress("127.0.0.1", "203.0.113.50", "+14155550173")).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .bodyJson().extractingPath("$.reason").isEqualTo("rate_limit_ip");
        // another end user behind the same proxy is not affected, nor is the proxy's own traffic
        assertThat(fromAddress("127.0.0.1", "203.0.113.51", "+14155550174")).hasStatus(HttpStatus.ACCEPTED);
        assertThat(fromAddress("127.0.0.1", null, "+14155550175")).hasStatus(HttpStatus.ACCEPTED);
    }

    @Test
    void shouldNotLetAnUntrustedClientEscapeItsLimitByWritingForwardedFor() {
        for (int i = 0; i < 3; i++) {
            assertThat(fromAddress("192.0.2.10", "198.51.100." + i, "+1415555018" + i)).hasStatus(HttpStatus.ACCEPTED);
        }

        assertThat(fromAddress("192.0.2.10", "198.51.100.99", "+14155550183")).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .bodyJson().extractingPath("$.reason").isEqualTo("rate_limit_ip");
    }

    private MvcTestResult fromAddress(String peer, @Nullable String forwardedFor, String phoneNumber) {
        var request = mvc.post().uri("/v1/verifications").header(HttpHeaders.AUTHORIZATION, SHOP_KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"phoneNumber\":\"" + phoneNumber + "\"}")
                .with(servletRequest -> {
                    servletRequest.setRemoteAddr(peer);
                    return servletRequest;
                });
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.exchange();
    }
}
