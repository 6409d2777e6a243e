package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import dev.voiceotp.gateway.GatewayIntegrationTest;

/** The HTTP edges of {@code POST /v1/verifications}: every refusal is problem+json naming what was wrong. */
class CreateVerificationEdgesTest extends GatewayIntegrationTest {

    @Test
    void shouldRefuseRequestsWithoutAnApiKey() {
        assertThat(post("{\"phoneNumber\":\"+14155550123\"}").header(HttpHeaders.AUTHORIZATION, ""))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void shouldRefuseAnUnknownApiKey() {
        assertThat(post("{\"phoneNumber\":\"+14155550123\"}").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-key"))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4155550123", "+1415", "+999999999999", "+1 415 555 0123"})
    void shouldNamePhoneNumberWhenItIsNotAValidE164Number(String number) {
        assertThat(post("{\"phoneNumber\":\"" + number + "\"}").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("phoneNumber");
    }

    @Test
    void shouldNamePhoneNumberWhenItIsMissing() {
        assertThat(post("{\"locale\":\"en-US\"}").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0]").isEqualTo(java.util.Map.of("field", "phoneNumber", "reason", "is required"));
    }

    @Test
    void shouldRefuseMalformedJson() {
        assertThat(post("{\"phoneNumber\":").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void shouldNameTheFieldWithTheWrongType() {
        assertThat(post("{\"phoneNumber\":[\"+14155550123\"]}").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("phoneNumber");
    }

    @Test
    void shouldRefuseANonJsonContentType() {
        assertThat(mvc.post().uri("/v1/verifications").header(HttpHeaders.AUTHORIZATION, SHOP_KEY)
                .contentType(MediaType.TEXT_PLAIN).content("+14155550123"))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldNameTheBodyWhenItIsEmpty() {
        assertThat(post("").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0]").isEqualTo(java.util.Map.of("field", "body", "reason", "is missing or unreadable"));
    }

    @Test
    void shouldRefuseABodyFarLargerThanARequestWithoutReadingIt() {
        String padded = "{\"phoneNumber\":\"+14155550123\",\"locale\":\"" + "x".repeat(5000) + "\"}";
        assertThat(post(padded).header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0]").isEqualTo(java.util.Map.of("field", "body", "reason", "is larger than 4096 bytes"));
    }

    @Test
    void shouldAcceptABodyOfExactlyTheLimitAndRefuseOneByteMore() {
        String json = "{\"phoneNumber\":\"+14155550124\"}";
        String atLimit = json + " ".repeat(DispatchJson.MAX_BODY_BYTES - json.length());
        assertThat(post(atLimit).header(HttpHeaders.AUTHORIZATION, SHOP_KEY)).hasStatus(HttpStatus.ACCEPTED);
        assertThat(post(atLimit + " ").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0]").isEqualTo(java.util.Map.of("field", "body", "reason", "is larger than 4096 bytes"));
    }

    @Test
    void shouldTimeAcceptedRequestsUnderTheRoutePattern() throws Exception {
        assertThat(post("{\"phoneNumber\":\"+14155550177\"}").header(HttpHeaders.AUTHORIZATION, SHOP_KEY)).hasStatus(HttpStatus.ACCEPTED);
        assertThat(scrape()).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"202\"[^}]*"
                + "uri=\"/v1/verifications\"[^}]*} [1-9]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"english", "EN-us", "en_US", "e"})
    void shouldNameLocaleWhenItIsNotALanguageTag(String locale) {
        assertThat(post("{\"phoneNumber\":\"+14155550123\",\"locale\":\"" + locale + "\"}").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("locale");
    }

    @Test
    void shouldNameDeliveryWhenItIsNotAKnownMethod() {
        assertThat(post("{\"phoneNumber\":\"+14155550123\",\"delivery\":\"sms\"}").header(HttpHeaders.AUTHORIZATION, SHOP_KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0]").isEqualTo(java.util.Map.of("field", "delivery", "reason", "must be call or phlo"));
    }

    @Test
    void shouldNameTheIdempotencyKeyHeaderWhenItIsTooLong() {
        assertThat(post("{\"phoneNumber\":\"+14155550123\"}").header(HttpHeaders.AUTHORIZATION, SHOP_KEY)
                .header(DispatchHandler.IDEMPOTENCY_KEY, "k".repeat(256)))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("Idempotency-Key");
    }

    @Test
    void shouldPublishTheApiDescription() {
        assertThat(mvc.get().uri("/v3/api-docs"))
                .hasStatusOk()
                .bodyJson().extractingPath("$.paths['/v1/verifications'].post.responses['202']").isNotNull();
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/v1/verifications'].post.responses['429'].headers['Retry-After']").isNotNull();
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/v1/verifications'].post.responses['422'].description").asString().contains("destination_type");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/v1/verifications/{id}/cancel'].post.responses").asMap().containsKeys("200", "404", "409");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/dispatch_otp/{number}'].get.summary").asString().contains("guide interface");
        assertThat(mvc.get().uri("/swagger-ui.html")).hasStatus3xxRedirection();
    }

    private MockMvcRequestBuilder post(String json) {
        return mvc.post().uri("/v1/verifications").contentType(MediaType.APPLICATION_JSON).content(json);
    }
}
