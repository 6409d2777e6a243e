package dev.voiceotp.contract.event;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Every lifecycle event a service reports about a verification, one method per kind, with its typed reason. Callers
 * report only what a Redis script singled out as a change (the check that approved, the callback that recorded a
 * new status, the sweep that expired), so parallel or replayed work never reports an event twice.
 *
 * <p>Call, failure and cancel events are handed to the publisher at once (through the outbox where the service
 * has one). The outcome of a check ({@link #approved}, {@link #locked}) and an expiry are sent in the background:
 * the change is committed in Redis already, and a producer waiting for metadata while Kafka is unreachable must
 * not hold the person's check or call. The {@code requested} event is not here: the gateway's relay derives it
 * from the request record.
 */
public class VerificationEvents {

    private final OtpEventPublisher publisher;
    private final Clock clock;

    public VerificationEvents(OtpEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Plivo accepted the call (or the PHLO run). */
    public void callPlaced(VerificationRef verification) {
        call(OtpEventType.CALL_PLACED, verification, "queued", null);
    }

    /** A call status report: ringing, answered, completed, or a call that ended without reading the code. */
    public void call(OtpEventType type, VerificationRef verification, @Nullable String callStatus, @Nullable String hangupCause) {
        publisher.publish(OtpEvent.ofCall(type, verification.verificationId(), verification.appId(), clock.instant(),
                verification.country(), callStatus, hangupCause));
    }

    /** The verification can no longer succeed: refused call, retries or redials exhausted, unknown call outcome. */
    public void failed(VerificationRef verification, String reason) {
        publisher.publish(event(OtpEventType.FAILED, verification, clock.instant(), reason));
    }

    /** A code approved the verification; {@code at} is the time the check ran with, stored as its approval time. */
    public void approved(VerificationRef verification, Instant at) {
        publisher.publishInBackground(event(OtpEventType.APPROVED, verification, at, null));
    }

    /** Wrong codes locked the verification. */
    public void locked(VerificationRef verification, LockReason reason, Instant at) {
        publisher.publishInBackground(event(OtpEventType.LOCKED, verification, at, reason.wireName()));
    }

    /** @param expiredAt the verification's expiry, not the time a sweep noticed it */
    public void expired(VerificationRef verification, Instant expiredAt) {
        publisher.publishInBackground(event(OtpEventType.EXPIRED, verification, expiredAt, null));
    }

    public void canceled(VerificationRef verification, CancelReason reason, Instant at) {
        publisher.publish(event(OtpEventType.CANCELED, verification, at, reason.wireName()));
    }

    private static OtpEvent event(OtpEventType type, VerificationRef verification, Instant at, @Nullable String reason) {
        return OtpEvent.of(type, verification.verificationId(), verification.appId(), at, verification.country(), reason);
    }
}
