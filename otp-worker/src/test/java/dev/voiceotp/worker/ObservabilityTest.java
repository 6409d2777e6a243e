package dev.voiceotp.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What operations see: the Prometheus scrape (business meters and Kafka consumer lag) and the health groups. */
class ObservabilityTest extends WorkerIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldExportTheCallMetersAndTheConsumerLag() {
        publish(newRequest());

        // the first test of the shared context: its consumers may still be joining the group
        await().atMost(seconds(60)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .contains("kafka_consumer_fetch_manager_records_lag_max")
                .contains("otp_calls_placed_total{app=\"shop\",application=\"otp-worker\",country=\"US\",method=\"call\"}")
                .contains("otp_plivo_api_seconds_bucket")
                .contains("otp_pacing_wait_seconds_bucket")
                .contains("otp_call_time_to_place_seconds_bucket")
                .contains("otp_call_retries_total{application=\"otp-worker\",reason=\"redial_no_answer\"}")
                .contains("otp_dead_letters_total{application=\"otp-worker\",reason=\"unsupported_version\"}")
                .contains("otp_webhooks_total{application=\"otp-worker\",kind=\"hangup\",outcome=\"replayed\"}")
                // Plivo's callbacks carry no trace context: timed without an observation, with Spring's tags
                .contains("http_server_requests_seconds_count{application=\"otp-worker\",error=\"none\",exception=\"none\","
                        + "method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/plivo/answer/{token}\"}")
                .contains("http_server_requests_seconds_bucket{application=\"otp-worker\",error=\"none\",exception=\"none\","
                        + "method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/plivo/answer/{token}\""));
    }

    @Test
    void shouldExportTheOutboxBatchSizesInAFewBuckets() {
        publish(newRequest());

        await().atMost(seconds(60)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("otp_events_outbox_batch_bucket"))
                .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")))
                .containsExactly("1.0", "2.0", "5.0", "20.0", "100.0", "500.0", "+Inf"));
    }

    @Test
    void shouldReportPlivoInReadinessOnly() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        JsonNode ready = JsonMapper.builder().build().readTree(readiness.body());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(ready.path("components").path("plivo").path("status").asString()).isEqualTo("UP");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).doesNotContain("plivo");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
