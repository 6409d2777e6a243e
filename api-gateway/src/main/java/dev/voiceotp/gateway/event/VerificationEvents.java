package dev.voiceotp.gateway.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * The {@code canceled} event of a verification its producer app canceled, published after the cancel is committed
 * in Redis. Publishing never fails the request and does not wait for the broker's ack (see
 * {@link OtpEventPublisher}). The events of a dispatch ({@code requested}, and {@code canceled} for a verification
 * it replaced) come from {@link RequestedEventRelay} instead, off the request path.
 */
@Component
public class VerificationEvents {

    /** Reason of a verification canceled by its producer app. */
    public static final String CANCELED_BY_APP = "canceled_by_app";
    /** Reason of a pending verification replaced by a resend after the cooldown. */
    public static final String REPLACED = "replaced";

    private final OtpEventPublisher publisher;

    public VerificationEvents(OtpEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void canceled(String verificationId, String appId, @Nullable String region, String reason, Instant at) {
        // events carry ISO 3166 countries only
        publisher.publish(OtpEvent.of(OtpEventType.CANCELED, verificationId, appId, at, PhoneNumbers.isoCountry(region),
                reason));
    }
}
