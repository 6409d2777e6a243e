package dev.voiceotp.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.record.RecordSigningProperties;
import dev.voiceotp.gateway.TestGatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The relay's promise without a broker: a batch whose events are not all acked is failed, so it is not committed. */
class RequestedEventRelayFailureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> kafka = mock(KafkaTemplate.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private static final String SECRET = "relay-failure-test-record-secret-0123";
    private final RequestedEventRelay relay = new RequestedEventRelay(new EventRelayConfiguration.RelayTemplate(kafka),
            new RelayedEvents(JSON, new RecordSigningProperties(SECRET, List.of(), Map.of()).gatewayVerifier()),
            TestGatewayProperties.withTrustedProxies(List.of()), meters);

    @Test
    void shouldFailTheBatchWhenAnEventIsNotAcknowledged() {
        when(kafka.send(eq(Topics.OTP_EVENTS), anyString(), any()))
                .thenReturn(CompletableFuture.completedFuture(null))
                .thenReturn(CompletableFuture.failedFuture(new NotEnoughReplicasException("one broker left")));

        assertThatThrownBy(() -> relay.relay(List.of(record("id-00000001"), record("id-00000002"))))
                .isInstanceOf(RequestedEventRelay.EventsNotAcknowledgedException.class);
        assertThat(meters.counter("otp.events.published", "type", "requested", "outcome", "published").count()).isZero();
    }

    @Test
    void shouldCountTheEventsOfABatchOnceAllAreAcknowledged() throws Exception {
        CompletableFuture<SendResult<String, Object>> acked = CompletableFuture.completedFuture(null);
        when(kafka.send(eq(Topics.OTP_EVENTS), anyString(), any())).thenReturn(acked);

        relay.relay(List.of(record("id-00000003"), record("id-00000004")));

        assertThat(meters.counter("otp.events.published", "type", "requested", "outcome", "published").count()).isEqualTo(2);
    }

    private static ConsumerRecord<String, byte[]> record(String id) {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        byte[] value = JSON.writeValueAsBytes(OtpRequest.of(id, "shop", "+14155550123", null, now, now.plusSeconds(600)));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.OTP_REQUESTS, 0, 0, "+14155550123", value);
        record.headers().add(RecordSignature.HEADER, RecordSignature.withSecret(SECRET).sign(value, record.headers()));
        return record;
    }
}
