package dev.voiceotp.worker.event;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OtpEventType;

/**
 * The worker's lifecycle events on {@code otp.events.v1}. Callers publish only after a Lua script reported a
 * state change, so a duplicate or replayed callback, which changes nothing, publishes nothing.
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
}
