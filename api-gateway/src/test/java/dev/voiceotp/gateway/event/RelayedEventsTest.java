package dev.voiceotp.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.CancelReason;
import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.record.RecordSigningProperties;
import tools.jackson.databind.json.JsonMapper;

class RelayedEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant REQUESTED_AT = Instant.parse("2026-12-02T10:00:00Z");

    private static final String SECRET = "relayed-events-test-record-secret-0123";
    private final RelayedEvents events = new RelayedEvents(JSON, new RecordSigningProperties(SECRET, List.of(), Map.of()).gatewayVerifier());

    @Test
    void shouldReportARequestAsRequestedWithItsCountryButNotItsNumber() {
        List<OtpEvent> relayed = events.of(record(request("id-00000001", "+14155550123"), null));

        assertThat(relayed).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(OtpEventType.REQUESTED);
            assertThat(event.verificationId()).isEqualTo("id-00000001");
            assertThat(event.appId()).isEqualTo("shop");
            assertThat(event.occurredAt()).isEqualTo(REQUESTED_AT);
            assertThat(event.country()).isEqualTo("US");
            assertThat(event.key()).isEqualTo("shop:id-00000001");
            assertThat(event.toString()).doesNotContain("4155550123");
        });
    }

    @Test
    void shouldGiveARecordReadTwiceTheSameEventIds() {
        ConsumerRecord<String, byte[]> record = record(request("id-00000002", "+14155550123"), "id-00000001");

        List<OtpEvent> first = events.of(record);
        List<OtpEvent> again = events.of(record);

        assertThat(first).hasSize(2);
        assertThat(again).extracting(OtpEvent::eventId).containsExactlyElementsOf(first.stream().map(OtpEvent::eventId).toList());
        assertThat(first.get(0).eventId()).isNotEqualTo(first.get(1).eventId());
    }

    @Test
    void shouldGiveDifferentVerificationsDifferentEventIds() {
        String one = events.of(record(request("id-00000003", "+14155550123"), null)).getFirst().eventId();
        String other = events.of(record(request("id-00000004", "+14155550123"), null)).getFirst().eventId();

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void shouldReportTheVerificationARequestReplacedAsCanceled() {
        List<OtpEvent> relayed = events.of(record(request("id-00000005", "+442071838750"), "id-00000000"));

        assertThat(relayed).filteredOn(event -> event.type() == OtpEventType.CANCELED).singleElement().satisfies(event -> {
            assertThat(event.verificationId()).isEqualTo("id-00000000");
            assertThat(event.appId()).isEqualTo("shop");
            assertThat(event.reason()).isEqualTo(CancelReason.REPLACED.wireName());
            assertThat(event.country()).isEqualTo("GB");
            assertThat(event.occurredAt()).isEqualTo(REQUESTED_AT);
        });
    }

    @Test
    void shouldPublishNothingForRecordsThatAreNoVersionOneRequest() {
        assertThat(events.of(record("not json".getBytes(StandardCharsets.UTF_8), null))).isEmpty();
        assertThat(events.of(record(JSON.writeValueAsBytes(new OtpRequest(2, "id-00000006", "shop", "+14155550123", null,
                REQUESTED_AT, REQUESTED_AT.plusSeconds(600), null)), null))).isEmpty();
        assertThat(events.of(record(request("bad id!", "+14155550123"), null))).isEmpty();
        assertThat(events.of(record(null, null))).isEmpty();
    }

    @Test
    void shouldIgnoreAReplacesHeaderThatNamesNoVerification() {
        assertThat(events.of(record(request("id-00000007", "+14155550123"), "not an id!")))
                .extracting(OtpEvent::type).containsExactly(OtpEventType.REQUESTED);
    }

    @Test
    void shouldTakeTheCountryFromTheGatewaysRegionHeader() {
        ConsumerRecord<String, byte[]> record = record(request("id-00000009", "+14155550123"), null);
        record.headers().add(RelayedEvents.REGION_HEADER, "CA".getBytes(StandardCharsets.UTF_8));
        signed(record);

        assertThat(events.of(record)).singleElement().satisfies(event -> assertThat(event.country()).isEqualTo("CA"));
    }

    @Test
    void shouldLeaveTheCountryOutForNonGeographicNumbers() {
        assertThat(events.of(record(request("id-00000008", "+881612345678"), null)))
                .singleElement().satisfies(event -> assertThat(event.country()).isNull());
    }

    private static byte[] request(String id, String phoneNumber) {
        return JSON.writeValueAsBytes(OtpRequest.of(id, "shop", phoneNumber, "en-US", REQUESTED_AT,
                REQUESTED_AT.plusSeconds(600), DeliveryMethod.CALL));
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value, String replaces) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.OTP_REQUESTS, 0, 0, "+14155550123", value);
        if (replaces != null) {
            record.headers().add(RelayedEvents.REPLACES_HEADER, replaces.getBytes(StandardCharsets.UTF_8));
        }
        return signed(record);
    }

    /** Signs the record as the gateway would, over its value and its headers as they are now. */
    private static ConsumerRecord<String, byte[]> signed(ConsumerRecord<String, byte[]> record) {
        record.headers().remove(RecordSignature.HEADER);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        record.headers().add(RecordSignature.HEADER, RecordSignature.withSecret(SECRET).sign(value, record.headers()));
        return record;
    }

    @Test
    void shouldRelayNothingForARecordNotSignedByTheGatewayOrWithAHeaderAddedAfterSigning() {
        ConsumerRecord<String, byte[]> unsigned = new ConsumerRecord<>(Topics.OTP_REQUESTS, 0, 0, "+14155550123", request("id-00000010", "+14155550123"));
        ConsumerRecord<String, byte[]> withForgedReplaces = record(request("id-00000011", "+14155550123"), null);
        withForgedReplaces.headers().add(RelayedEvents.REPLACES_HEADER, "id-00000012".getBytes(StandardCharsets.UTF_8));

        assertThat(events.of(unsigned)).isEmpty();
        assertThat(events.of(withForgedReplaces)).isEmpty();
    }
}
