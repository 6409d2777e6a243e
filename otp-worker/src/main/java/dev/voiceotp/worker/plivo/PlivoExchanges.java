package dev.voiceotp.worker.plivo;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * What the SDK's HTTP exchanges on the current thread did: whether a request reached the wire in full, and the
 * status Plivo answered. plivo-java reports a 429 and a 503 with the same exception and an I/O error without
 * saying whether the request left, yet those decide between "retry", "refused" and "the call may exist". The SDK
 * runs OkHttp synchronously on the caller's thread, so a thread-local record is exact.
 */
final class PlivoExchanges {

    /** No status: the exchange ended without a response. */
    static final int NO_STATUS = -1;

    private final ThreadLocal<Exchange> last = ThreadLocal.withInitial(Exchange::new);

    /** The current thread's exchange; reset before each SDK operation. */
    static final class Exchange {
        private boolean requestSent;
        private int status = NO_STATUS;

        boolean requestSent() {
            return requestSent;
        }

        int status() {
            return status;
        }
    }

    void reset() {
        last.set(new Exchange());
    }

    Exchange last() {
        return last.get();
    }

    /** Records the status of every response, fallback hosts included. */
    Interceptor statusRecorder() {
        return chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            last.get().status = response.code();
            return response;
        };
    }

    /** Marks the request as sent once its body is written: from then on Plivo may act on it. */
    EventListener.Factory sendTracker() {
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
}
