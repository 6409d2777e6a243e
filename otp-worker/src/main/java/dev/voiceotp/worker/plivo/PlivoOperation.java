package dev.voiceotp.worker.plivo;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.plivo.api.exceptions.PlivoRestException;

import dev.voiceotp.worker.plivo.PlivoUnavailableException.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One kind of SDK request that places a call (a Call API create, a PHLO run), timed in
 * {@code otp.plivo.api{operation, outcome}}, with the failure sorting every such request shares: "refused"
 * (4xx but 429: permanent, the verification fails), "unavailable" (5xx, 429, not sent: retry later) and
 * "ambiguous" (sent, no answer: the call may exist). plivo-java reports a 429 and a 503 with the same exception
 * and an I/O error without saying whether the request left; the {@link PlivoExchanges} of the operation's client
 * tell.
 */
final class PlivoOperation {

    private static final List<String> OUTCOMES = List.of("success", "client_error", "rate_limited", "server_error", "timeout", "unreachable");

    /** An SDK request. */
    @FunctionalInterface
    interface SdkRequest<T> {
        T send() throws IOException, PlivoRestException;
    }

    private final String peer;
    private final PlivoExchanges exchanges;
    private final Function<PlivoRestException, @Nullable String> knownRefusal;
    private final boolean hideResponseBody;
    private final Map<String, Timer> timers;

    /**
     * @param operation the {@code operation} label
     * @param peer who answers, in log and exception messages ("Plivo", "the PHLO runner")
     * @param exchanges the exchanges recorded by the client the requests go through
     * @param knownRefusal the refusal reason of an SDK exception type that names one, else null (sorted by status)
     * @param hideResponseBody drop the SDK's exception messages, which quote Plivo's response body: for requests
     *     whose body carries the code, so that no log line or dead letter can echo it
     */
    PlivoOperation(String operation, String peer, PlivoExchanges exchanges, Function<PlivoRestException, @Nullable String> knownRefusal,
            boolean hideResponseBody, MeterRegistry meters) {
        this.peer = peer;
        this.exchanges = exchanges;
        this.knownRefusal = knownRefusal;
        this.hideResponseBody = hideResponseBody;
        this.timers = OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(outcome -> outcome, outcome -> Timer.builder("otp.plivo.api")
                .description("Plivo API requests through the SDK").tag("operation", operation).tag("outcome", outcome)
                .publishPercentileHistogram().register(meters)));
    }

    /**
     * Sends the request on this thread, holding {@code slot}: it is confirmed as the request leaves ({@link CallSlot}).
     *
     * @throws CallRefusedException Plivo refused for good
     * @throws PlivoUnavailableException Plivo could not be asked, failed for now, or did not answer
     */
    <T> T send(CallSlot slot, SdkRequest<T> request) {
        exchanges.reset();
        long start = System.nanoTime();
        @Nullable String outcome = null;
        try {
            T response = slot.sendWith(request);
            outcome = "success";
            return response;
        } catch (PlivoRestException e) {
            outcome = rejected(e);
            throw outcome.equals("client_error") ? refusal(e) : new PlivoUnavailableException(peer + " answered " + exchanges.last().status(),
                    outcome.equals("rate_limited") ? Reason.RATE_LIMITED : Reason.SERVER_ERROR, false, cause(e));
        } catch (NoCallSlotException e) {
            // never sent, so not timed as a request to Plivo; retried later
            throw new PlivoUnavailableException("No call slot for the request to " + peer + ": " + e.getMessage(), Reason.NO_CALL_SLOT, false, e);
        } catch (IOException e) {
            boolean sent = exchanges.last().requestSent();
            Reason reason = sent && e instanceof SocketTimeoutException ? Reason.TIMEOUT : Reason.UNREACHABLE;
            outcome = reason.label();
            throw new PlivoUnavailableException((sent ? "No answer from " + peer + ": " : peer + " could not be reached: ")
                    + e.getClass().getSimpleName(), reason, sent, cause(e));
        } finally {
            if (outcome != null) {
                timers.get(outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
    }

    private String rejected(PlivoRestException e) {
        int status = exchanges.last().status();
        if (knownRefusal.apply(e) != null || (status >= 400 && status < 500 && status != 429)) {
            return "client_error";
        }
        return status == 429 ? "rate_limited" : "server_error";
    }

    private CallRefusedException refusal(PlivoRestException e) {
        String reason = knownRefusal.apply(e);
        return new CallRefusedException(reason != null ? reason : "plivo_rejected_" + exchanges.last().status(), cause(e));
    }

    private Exception cause(Exception e) {
        if (!hideResponseBody) {
            return e;
        }
        Exception sanitized = new Exception(peer + " answered " + e.getClass().getSimpleName());
        sanitized.setStackTrace(e.getStackTrace());
        return sanitized;
    }
}
