package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name extraction the coverage test relies on: a name missed here would go unchecked. */
class PromQlTest {

    @Test
    void shouldFindTheMetricsOfARatioWithGroupingAndOffsets() {
        String expression = """
                (sum by (country) (increase(otp_verifications_approved_total{app=~"$app"}[1h]))
                  / sum by (country) (increase(otp_verifications_requested_total[1d] offset 1h))) < 0.5
                and on (country) sum without (instance) (rate(otp_requests_total{outcome="accepted"}[$__rate_interval])) > 1e3
                """;

        assertThat(PromQl.metricNames(expression))
                .containsExactly("otp_requests_total", "otp_verifications_approved_total", "otp_verifications_requested_total");
    }

    @Test
    void shouldNotTakeLabelNamesFunctionsOrKeywordsForMetrics() {
        String expression = """
                histogram_quantile(0.99, sum by (le, application) (rate(http_server_requests_seconds_bucket{uri!~"/actuator.*"}[5m])))
                or label_replace(vector(0), "dst", "$1", "src", "(.*)") unless absent(up{job="otp-worker"} == bool 1)
                + max(otp_spend_cap > 0) * topk(3, kafka_consumer_fetch_manager_records_lag_max)
                """;

        assertThat(PromQl.metricNames(expression))
                .containsExactly("http_server_requests_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max", "otp_spend_cap", "up");
    }
}
