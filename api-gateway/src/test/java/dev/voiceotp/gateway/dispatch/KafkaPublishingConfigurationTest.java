package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaPublishingConfigurationTest {

    @ParameterizedTest
    @ValueSource(longs = {100, 1_000, 5_000, 60_000})
    void shouldGiveUpInsideTheAckTimeoutSoA503dRequestIsNotDeliveredLater(long ackTimeoutMs) {
        Map<String, Object> timeouts = KafkaPublishingConfiguration.producerTimeouts(Duration.ofMillis(ackTimeoutMs), 1);

        long maxBlock = ((Number) timeouts.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).longValue();
        long delivery = ((Number) timeouts.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();
        long request = ((Number) timeouts.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)).longValue();
        assertThat(maxBlock + delivery).isLessThan(ackTimeoutMs);
        assertThat(request + 1).isLessThanOrEqualTo(delivery);
        assertThat(maxBlock).isPositive();
    }
}
