package dev.voiceotp.verifier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.servlet.client.ExchangeResult;

import dev.voiceotp.verifier.ObservationsSeen;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What a check costs in observation: an untraced one only feeds the HTTP and Redis timers; one that carries a
 * sampled trace context is observed as before, its Redis command as a child, into the same timers.
 */
class CheckObservationTest extends VerifierIntegrationTest {

    private static final String CHECK_ROUTE = "/v1/verifications/{id}/checks";
    private static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String NOT_SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ObservationsSeen observations;

    @Test
    void shouldTimeAnUntracedCheckWithoutObservingIt() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), "482910");
        double requestsBefore = count(serverRequests());
        double commandsBefore = count(evalsha());
        double scriptTextsBefore = count(eval());

        assertThat(check(id, null).getStatus().value()).isEqualTo(200);
        assertThat(check(id, NOT_SAMPLED).getStatus().value()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count(serverRequests()) == requestsBefore + 2);
        // the expiry sweep's own EVALSHA runs meanwhile and counts in the same timer
        assertThat(count(evalsha())).isGreaterThanOrEqualTo(commandsBefore + 2);
        assertThat(count(eval())).as("a check sends its script's digest, never its text").isEqualTo(scriptTextsBefore);
        assertThat(serverObservationsOf(id)).isEmpty();
    }

    @Test
    void shouldObserveACheckThatCarriesASampledTraceWithItsRedisCommandAsAChild() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), "482910");
        double requestsBefore = count(serverRequests());
        double commandsBefore = count(evalsha());

        assertThat(check(id, SAMPLED).getStatus().value()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count(serverRequests()) == requestsBefore + 1);
        assertThat(count(evalsha())).as("the Redis command in the same timer").isGreaterThanOrEqualTo(commandsBefore + 1);
        assertThat(serverObservationsOf(id)).hasSize(1);
        assertThat(observations.named("lettuce")).anySatisfy(command -> assertThat(command.parent()).isEqualTo("http.server.requests"));
    }

    @Test
    void shouldTellSampledTraceContextsFromOthers() {
        assertThat(LeanServerObservation.traced(request(SAMPLED))).isTrue();
        assertThat(LeanServerObservation.traced(request("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"))).isTrue();
        assertThat(LeanServerObservation.traced(request(NOT_SAMPLED))).isFalse();
        assertThat(LeanServerObservation.traced(request("garbage"))).isFalse();
        assertThat(LeanServerObservation.traced(MockServerHttpRequest.get("/").build())).isFalse();
    }

    private ExchangeResult check(String id, @Nullable String traceparent) {
        return client.post().uri(CHECK_ROUTE, id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SHOP_KEY)
                .headers(headers -> {
                    if (traceparent != null) {
                        headers.set("traceparent", traceparent);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":\"000000\"}")
                .exchange()
                .returnResult();
    }

    private List<ObservationsSeen.Seen> serverObservationsOf(String id) {
        return observations.named("http.server.requests").stream()
                .filter(seen -> seen.context() instanceof ServerRequestObservationContext server
                        && server.getCarrier().getPath().value().contains(id))
                .toList();
    }

    private static MockServerHttpRequest request(String traceparent) {
        return MockServerHttpRequest.get("/").header("traceparent", traceparent).build();
    }

    private Timer serverRequests() {
        return meters.find("http.server.requests").tags("uri", CHECK_ROUTE, "method", "POST", "status", "200", "outcome", "SUCCESS",
                "exception", "none", "error", "none").timer();
    }

    private Timer evalsha() {
        return meters.find("lettuce").tags("db.operation", "EVALSHA", "db.system", "redis", "error", "none").timer();
    }

    private Timer eval() {
        return meters.find("lettuce").tags("db.operation", "EVAL", "db.system", "redis").timer();
    }

    private static double count(Timer timer) {
        return timer == null ? 0 : timer.count();
    }
}
