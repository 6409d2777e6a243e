package dev.voiceotp.worker.event;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.LockReason;
import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OtpEventType;

/**
 * The worker's lifecycle events on {@code otp.events.v1}. Callers publish only after a Lua script reported a
 * state change, so a duplicate or replayed callback, which changes nothing, publishes nothing.
 *
 * <p>The outcome of a code typed in the call ({@link #approved}, {@link #locked}) is sent in the background, like
 * the verifier's: the change is committed in Redis already, and a producer waiting for metadata while Kafka is
 * unreachable must not keep the person on the line.
 */
@Component
public class VerificationEvents {

    private final OtpEventPublisher publisher;
    private final Clock clock;

    VerificationEvents(OtpEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

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
        publisher.publish(OtpEvent.of(OtpEventType.FAILED, verification.verificationId(), verification.appId(), clock.instant(),
                verification.country(), reason));
    }

    /** A code typed in the call approved the verification. */
    public void approved(VerificationRef verification, Instant at) {
        sendLater(OtpEvent.of(OtpEventType.APPROVED, verification.verificationId(), verification.appId(), at,
                verification.country(), null));
    }

    /** Codes typed in the call locked the verification. */
    public void locked(VerificationRef verification, LockReason reason, Instant at) {
        sendLater(OtpEvent.of(OtpEventType.LOCKED, verification.verificationId(), verification.appId(), at,
                verification.country(), reason.wireName()));
    }

    private void sendLater(OtpEvent event) {
        publisher.publishInBackground(event);
    }
}
