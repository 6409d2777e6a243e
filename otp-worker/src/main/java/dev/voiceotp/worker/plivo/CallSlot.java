package dev.voiceotp.worker.plivo;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import com.plivo.api.exceptions.PlivoRestException;

import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * One call's turn under the account's calls-per-second limit, from {@link CallPacer#awaitSlot}. The slot is taken
 * before the call is claimed (a request that gets none is handed back untouched) and confirmed as the call's API
 * request leaves the worker: by the HTTP client, on the request's connection, right before the request is written.
 *
 * <p>Why confirmed at the wire: Plivo counts calls when their requests arrive, and the pacing's spacing absorbs
 * only {@link CallPacer#sendWithinNanos() part} of the jitter tolerance between a slot and its request. A request
 * that leaves later than that (a cold SDK's first request took about 280 ms on a busy machine, a collection, a call
 * queued behind an earlier one to the same number) would arrive next to the following call's, so it takes a fresh
 * slot first and leaves at that slot's time. So does every further request of the same call (the SDK sends up to
 * three POSTs when Plivo answers 5xx): each arrival Plivo may count holds a slot of its own.
 */
public final class CallSlot {

    private static final CallSlot UNPACED = new CallSlot(null, 0);
    private static final ThreadLocal<@Nullable CallSlot> SENDING = new ThreadLocal<>();

    private final @Nullable CallPacer pacer;
    private long takenAtNanos;
    private boolean used;

    CallSlot(@Nullable CallPacer pacer, long takenAtNanos) {
        this.pacer = pacer;
        this.takenAtNanos = takenAtNanos;
    }

    /** The slot of a call that is not paced (pacing off): its requests leave at once. */
    public static CallSlot unpaced() {
        return UNPACED;
    }

    /**
     * Sends {@code request} on this thread with this slot held: the worker's HTTP client confirms it as each of the
     * request's HTTP requests leaves.
     */
    <T> T sendWith(PlivoOperation.SdkRequest<T> request) throws IOException, PlivoRestException {
        SENDING.set(this);
        try {
            return request.send();
        } finally {
            SENDING.remove();
        }
    }

    /** The interceptor that confirms the slot of the call being sent, if any, before its request leaves. */
    static Response confirmedBeforeSending(Interceptor.Chain chain) throws IOException {
        CallSlot slot = SENDING.get();
        if (slot != null) {
            slot.confirm();
        }
        return chain.proceed(chain.request());
    }

    /** Keeps the slot if it is still fresh and unused; else waits for a fresh one (see the class comment). */
    private void confirm() throws NoCallSlotException {
        if (pacer == null) {
            return;
        }
        if (used || System.nanoTime() - takenAtNanos > pacer.sendWithinNanos()) {
            takenAtNanos = pacer.retake();
        }
        used = true;
    }
}
