package dev.voiceotp.gateway.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.event.CancelReason;
import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.record.RecordVerifier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events one record of {@code otp.requests.v1} stands for: {@code requested} for its verification, and
 * {@code canceled} (reason {@code replaced}) for the pending verification it replaced, which the gateway names in
 * the {@value #REPLACES_HEADER} header. Events carry the destination's country (from the {@value #REGION_HEADER}
 * header, else from the number), never the number.
 *
 * <p>Event ids are derived from the verification ids (name-based UUIDs), so a record read twice (after a relay
 * restart, or a retried batch) yields the same events with the same ids, and consumers drop the second copy.
 */
public final class RelayedEvents {

    /** Header of a request record: id of the pending verification the request replaced (UTF-8). */
    public static final String REPLACES_HEADER = "voice-otp-replaces";
    /**
     * Header of a request record: the number's region as the gateway found it (UTF-8), which spares the relay
     * parsing the number again; without it (a producer that publishes directly) the relay parses the number.
     */
    public static final String REGION_HEADER = "voice-otp-region";

    /** What the relay reads of a request; the rest of the message is not its business. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Request(int version, @Nullable String verificationId, @Nullable String appId, @Nullable String phoneNumber,
            @Nullable Instant requestedAt) {
    }

    private final JsonMapper json;
    private final RecordVerifier verifier;

    /** @param verifier tells the records signed by the gateway or their own app: only those are reported */
    public RelayedEvents(JsonMapper json, RecordVerifier verifier) {
        this.json = json;
        this.verifier = verifier;
    }

    /**
     * @return the record's events; none for a record that is not an authentic, readable version-1 request (the
     *     worker dead-letters those, and no verification exists for them); the headers the relay believes are
     *     covered by the record's signature
     */
    List<OtpEvent> of(ConsumerRecord<?, byte[]> record) {
        Request request = parse(record.value());
        if (request == null || request.version() != OtpRequest.VERSION || request.verificationId() == null
                || !OtpRequest.isWellFormedVerificationId(request.verificationId()) || request.appId() == null
                || request.appId().isBlank() || request.phoneNumber() == null || request.requestedAt() == null
                || !verifier.isAuthentic(request.appId(), record.headers(), record.value())) {
            return List.of();
        }
        String region = header(record, REGION_HEADER);
        String country = PhoneNumbers.isoCountry(region != null ? region : PhoneNumbers.regionOf(request.phoneNumber()));
        List<OtpEvent> events = new ArrayList<>(2);
        events.add(new OtpEvent(OtpEvent.VERSION, eventId(OtpEventType.REQUESTED, request.verificationId(), ""),
                OtpEventType.REQUESTED, request.verificationId(), request.appId(), request.requestedAt(), country, null, null, null));
        String replaced = replacedId(record);
        if (replaced != null) {
            events.add(new OtpEvent(OtpEvent.VERSION, eventId(OtpEventType.CANCELED, replaced, request.verificationId()),
                    OtpEventType.CANCELED, replaced, request.appId(), request.requestedAt(), country, null, null,
                    CancelReason.REPLACED.wireName()));
        }
        return events;
    }

    /**
     * The same event of the same verification always gets the same id. A replaced verification's id also names
     * its replacement: a verification given back after a lost ack (not dispatched) can be replaced again later.
     */
    static String eventId(OtpEventType type, String verificationId, String cause) {
        return UUID.nameUUIDFromBytes((type.wireName() + ':' + verificationId + ':' + cause).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private @Nullable Request parse(byte @Nullable [] value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, Request.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String replacedId(ConsumerRecord<?, byte[]> record) {
        String id = header(record, REPLACES_HEADER);
        return id != null && OtpRequest.isWellFormedVerificationId(id) ? id : null;
    }

    private static @Nullable String header(ConsumerRecord<?, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
