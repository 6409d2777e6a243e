package dev.voiceotp.gateway.dispatch;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.gateway.refusal.RefusalReason;

/** What the create script decided for one request; each case is answered and counted differently. */
sealed interface Creation {

    /** A new verification that will be called; it may have replaced the number's older pending one. */
    record Created(Dispatch dispatch, @Nullable String replacedId) implements Creation {
    }

    /** The Idempotency-Key named an existing verification: nothing new happens. */
    record Replayed(Dispatch dispatch) implements Creation {
    }

    /** The number's pending verification was created inside the resend cooldown: it is answered again, no call. */
    record PendingReused(Dispatch dispatch) implements Creation {
    }

    /** The id a publisher chose names another verification: nothing happens. */
    record IdInUse(String id) implements Creation {
    }

    /** A per-number call cap or a spend cap is spent. */
    record Refused(RefusalReason reason, Duration retryAfter) implements Creation {
    }
}
