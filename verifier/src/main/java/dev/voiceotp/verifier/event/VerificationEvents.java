package dev.voiceotp.verifier.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.LockReason;
import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OtpEventType;

/**
 * The events the verifier reports. Callers invoke these only for the one check (or sweep) that changed the
 * verification, which the atomic scripts single out, so an event is never doubled by parallel checks.
 *
 * <p>Sent in the background: the change is already committed in Redis, and a producer waiting for metadata
 * while Kafka is unreachable must not hold the person's check.
 */
@Component
public class VerificationEvents {

    private final OtpEventPublisher publisher;

    VerificationEvents(OtpEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void approved(String appId, String verificationId, @Nullable String country, Instant at) {
        send(OtpEvent.of(OtpEventType.APPROVED, verificationId, appId, at, country, null));
    }

    public void locked(String appId, String verificationId, @Nullable String country, LockReason reason, Instant at) {
        send(OtpEvent.of(OtpEventType.LOCKED, verificationId, appId, at, country, reason.wireName()));
    }

    /** @param expiredAt the verification's expiry, not the time the sweeper noticed it */
    public void expired(String appId, String verificationId, @Nullable String country, Instant expiredAt) {
        send(OtpEvent.of(OtpEventType.EXPIRED, verificationId, appId, expiredAt, country, null));
    }

    private void send(OtpEvent event) {
        publisher.publishInBackground(event);
    }
}
