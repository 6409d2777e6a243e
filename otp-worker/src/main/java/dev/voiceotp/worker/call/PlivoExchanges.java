package dev.voiceotp.worker.call;

import java.util.regex.Pattern;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Request;

import dev.voiceotp.worker.pacing.CallPacer;

/**
 * What the SDK's HTTP exchanges on the current thread did: whether a request reached the wire in full, the
 * status Plivo answered, and how long the request waited for its pacing slot. plivo-java reports a 429 and a
 * 503 with the same exception and an I/O error without saying whether the request left, yet those decide
 * between "retry", "refused" and "the call may exist". The SDK runs OkHttp synchronously on the caller's
 * thread, so a thread-local record is exact. Public for the PHLO runner, whose own client records the same way.
 */
public final class PlivoExchanges {

    /** No status: the exchange ended without a response. */
    static final int NO_STATUS = -1;
    private static final Pattern CALL_CREATE = Pattern.compile(".*/Account/[^/]+/Call/?");

    private final ThreadLocal<Exchange> last = ThreadLocal.withInitial(Exchange::new);

    /** The current thread's exchange; reset before each SDK operation. */
    public static final class Exchange {
        private boolean requestSent;
        private int status = NO_STATUS;
        private long pacedNanos;

        public boolean requestSent() {
            return requestSent;
        }

        public int status() {
            return status;
        }

        long pacedNanos() {
            return pacedNanos;
        }
    }

    public void reset() {
        last.set(new Exchange());
    }

    public Exchange last() {
        return last.get();
    }

    /** Records the status of every response, fallback hosts included. */
    public Interceptor statusRecorder() {
        return chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            last.get().status = response.code();
            return response;
        };
    }

    /**
     * Holds every Call API request until the account's pacing allows one more call. As a network interceptor it
     * runs after the SDK has built the request and OkHttp has connected, right before the request is written,
     * so the spacing holds where Plivo measures it.
     */
    Interceptor pacing(CallPacer pacer) {
        return chain -> {
            Request request = chain.request();
            if ("POST".equals(request.method()) && CALL_CREATE.matcher(request.url().encodedPath()).matches()) {
                long start = System.nanoTime();
                boolean granted = pacer.awaitSlot();
                last.get().pacedNanos += System.nanoTime() - start;
                if (!granted) {
                    throw new NoCallSlotException();
                }
            }
            return chain.proceed(request);
        };
    }

    /** Marks the request as sent once its body is written: from then on Plivo may act on it. */
    public EventListener.Factory sendTracker() {
        return call -> new EventListener() {
            @Override
            public void requestBodyEnd(Call call, long byteCount) {
                last.get().requestSent = true;
            }

            @Override
            public void requestHeadersEnd(Call call, Request request) {
                if (request.body() == null) {
                    last.get().requestSent = true;
                }
            }
        };
    }

    /** No pacing slot came within the pacing's max wait: nothing was sent. */
    static final class NoCallSlotException extends java.io.IOException {
        NoCallSlotException() {
            super("no call slot within the pacing's max wait", null);
        }
    }
}
