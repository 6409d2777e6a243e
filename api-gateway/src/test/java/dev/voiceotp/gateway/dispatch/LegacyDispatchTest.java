package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpRequestsTopic;
import io.micrometer.core.instrument.MeterRegistry;

/** The guide's {@code GET /dispatch_otp/{number}}, enabled in this context for the app {@code shop}. */
class LegacyDispatchTest extends GatewayIntegrationTest {

    @Test
    void shouldAnswerTheGuidesBodyAndPublishTheRequest() {
        assertThat(mvc.get().uri("/dispatch_otp/14155550121"))
                .hasStatusOk()
                .bodyJson().isLenientlyEqualTo("{\"status\":\"success\",\"message\":\"verification initiated\"}");

        assertThat(OtpRequestsTopic.messagesForNumber("+14155550121")).singleElement().satisfies(message -> {
            assertThat(message.value().path("appId").asString()).isEqualTo("shop");
            assertThat(message.value().path("locale").isNull()).isTrue();
        });
    }

    @Test
    void shouldAcceptTheE164Form() {
        assertThat(mvc.get().uri("/dispatch_otp/+14155550122")).hasStatusOk();

        assertThat(OtpRequestsTopic.messagesForNumber("+14155550122")).hasSize(1);
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldCallOnlyTheCountriesOfItsOwnAllowList() {
        double refusedBefore = counted("otp.refusals", "reason", "destination_country");
        double invalidBefore = counted("otp.requests", "outcome", "invalid");
        // GB is allowed for the API (destinations.allowed-countries), not for the unauthenticated endpoint
        assertThat(mvc.get().uri("/dispatch_otp/447400123456"))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                // an anonymous caller learns that it was refused, not why nor which countries are enabled
                .bodyJson().isStrictlyEqualTo("""
                        {"title":"Destination not allowed","status":422,
                         "detail":"phoneNumber: this number cannot be called","instance":"/dispatch_otp/447400123456",
                         "errors":[{"field":"phoneNumber","reason":"this number cannot be called"}]}""");

        assertThat(OtpRequestsTopic.messagesForNumber("+447400123456")).isEmpty();
        // a valid number the route may not call is a refusal by country, as on the API, not invalid input
        assertThat(counted("otp.refusals", "reason", "destination_country")).isEqualTo(refusedBefore + 1);
        assertThat(counted("otp.requests", "outcome", "invalid")).isEqualTo(invalidBefore);
    }

    @Test
    void shouldNameTheNumberWhenItIsInvalid() {
        assertThat(mvc.get().uri("/dispatch_otp/555-0123"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("number");
    }

    private double counted(String name, String tag, String value) {
        return meters.get(name).tags("app", "shop", tag, value).counter().count();
    }
}
