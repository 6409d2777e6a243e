package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpRequestsTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The request record continues the HTTP request's trace whether or not it is sampled: a sampled request's send is
 * observed (a span of its own), an unsampled one's is not, and either way the worker gets the trace context and the
 * sampling decision.
 */
class TracePropagationTest extends GatewayIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldContinueASampledTraceInTheRequestRecord() throws Exception {
        double observedBefore = observedRequestSends();

        String id = idOf(createTraced("+14155550159", "01"));

        assertThat(traceparentOf(id)).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        // the send has a span of its own (the observed template), not only the server span's context
        assertThat(observedRequestSends()).isEqualTo(observedBefore + 1);
    }

    @Test
    void shouldCarryAnUnsampledTraceAndItsDecisionInTheRequestRecord() throws Exception {
        double observedBefore = observedRequestSends();

        String id = idOf(createTraced("+14155550160", "00"));

        assertThat(traceparentOf(id)).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-00");
        assertThat(observedRequestSends()).as("not observed").isEqualTo(observedBefore);
    }

    /** Sends of request records the Kafka template observed (each observation also feeds this timer). */
    private double observedRequestSends() {
        return meters.find("spring.kafka.template").tag("messaging.destination.name", Topics.OTP_REQUESTS).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private MvcTestResult createTraced(String phoneNumber, String flags) {
        MvcTestResult result = mvc.post().uri("/v1/verifications").header(HttpHeaders.AUTHORIZATION, SHOP_KEY)
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-" + flags)
                .contentType(MediaType.APPLICATION_JSON).content("{\"phoneNumber\":\"" + phoneNumber + "\"}").exchange();
        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        return result;
    }

    private static String traceparentOf(String id) {
        return OtpRequestsTopic.messagesFor(id).getFirst().headers().get("traceparent");
    }
}
