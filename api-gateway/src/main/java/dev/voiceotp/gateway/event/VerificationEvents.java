package dev.voiceotp.gateway.event;

import java.time.Instant;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OtpEventType;

/**
 * The events the gateway reports, each after the state change it describes is committed (in Redis, and for
 * {@code requested} on Kafka). Publishing never fails the request and does not wait for the broker's ack (see
 * {@link OtpEventPublisher}); only while Kafka is unreachable can a send hold it up to {@code max.block.ms}, a
 * fifth of {@code voice-otp.gateway.kafka-ack-timeout}, looking for the topic.
 */
@Component
public class VerificationEvents {

    /** Reason of a verification canceled by its producer app. */
    public static final String CANCELED_BY_APP = "canceled_by_app";
    /** Reason of a pending verification replaced by a resend after the cooldown. */
    public static final String REPLACED = "replaced";

    private static final Pattern ISO_REGION = Pattern.compile("[A-Z]{2}");

    private final OtpEventPublisher publisher;

    public VerificationEvents(OtpEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void requested(String verificationId, String appId, @Nullable String region, Instant at) {
        publisher.publish(OtpEvent.of(OtpEventType.REQUESTED, verificationId, appId, at, country(region), null));
    }

    public void canceled(String verificationId, String appId, @Nullable String region, String reason, Instant at) {
        publisher.publish(OtpEvent.of(OtpEventType.CANCELED, verificationId, appId, at, country(region), reason));
    }

    /** Events carry ISO 3166 countries only; non-geographic numbers ({@code 001}) have none. */
    private static @Nullable String country(@Nullable String region) {
        return region != null && ISO_REGION.matcher(region).matches() && !"ZZ".equals(region) ? region : null;
    }
}
