package dev.voiceotp.worker.call;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.AuthenticationException;
import com.plivo.api.exceptions.GeoPermissionException;
import com.plivo.api.exceptions.InvalidRequestException;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.exceptions.ResourceNotFoundException;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;

import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.call.PlivoUnavailableException.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Places a call with plivo-java's Call API and sorts its failures: "refused" (4xx: permanent, the verification
 * fails), "unavailable" (5xx, 429, not sent: retry later), "ambiguous" (sent, no answer: the call may exist)
 * Every request is timed in {@code otp.plivo.api}.
 */
@Component
public class CallPlacer {

    private static final Logger log = LoggerFactory.getLogger(CallPlacer.class);
    private static final String OPERATION = "call_create";

    private final PlivoClient client;
    private final PlivoExchanges exchanges;
    private final WorkerProperties.Plivo plivo;
    private final MeterRegistry meters;
    /**
     * "true" (synchronous detection: the answer webhook learns {@code Machine=true} and hangs up without a word)
     * in detect mode, else null (not sent). Not "hangup": that ends the call inside Plivo, and the worker would
     * have no say in what a machine hears.
     */
    private final @Nullable String machineDetection;

    CallPlacer(PlivoClient client, PlivoExchanges exchanges, WorkerProperties properties, MeterRegistry meters) {
        this.client = client;
        this.exchanges = exchanges;
        this.plivo = properties.plivo();
        this.meters = meters;
        for (String outcome : List.of("success", "client_error", "rate_limited", "server_error", "timeout", "unreachable")) {
            timer(outcome);
        }
        this.machineDetection = properties.voicemail().mode() == WorkerProperties.Voicemail.Mode.DETECT ? "true" : null;
    }

    /** Places the call and returns Plivo's request UUID. */
    public String place(CallRequest request) {
        exchanges.reset();
        long start = System.nanoTime();
        @Nullable String outcome = null;
        try {
            String from = request.callerId() != null ? request.callerId() : plivo.fromNumber();
            CallCreateResponse response = Call.creator(plivoNumber(from), List.of(plivoNumber(request.to())), request.answerUrl())
                    .answerMethod("POST")
                    .hangupUrl(request.hangupUrl())
                    .hangupMethod("POST")
                    .ringUrl(request.ringUrl())
                    .ringMethod("POST")
                    .callerName(plivo.callerName())
                    .timeLimit(plivo.timeLimit().toSeconds())
                    .ringTimeout(plivo.ringTimeout().toSeconds())
                    .machineDetection(machineDetection)
                    .client(client)
                    .create();
            outcome = "success";
            log.info("Call placed for verification {} to {}: request {}", request.verificationId(),
                    PhoneNumbers.mask(request.to()), response.getRequestUuid());
            return response.getRequestUuid();
        } catch (InvalidRequestException e) {
            outcome = "client_error";
            throw new CallRefusedException("invalid_request", e);
        } catch (AuthenticationException e) {
            outcome = "client_error";
            throw new CallRefusedException("plivo_authentication_failed", e);
        } catch (GeoPermissionException e) {
            outcome = "client_error";
            throw new CallRefusedException("destination_not_permitted", e);
        } catch (ResourceNotFoundException e) {
            outcome = "client_error";
            throw new CallRefusedException("plivo_resource_not_found", e);
        } catch (PlivoRestException e) {
            // ServerException (500 after the SDK's two fallback hosts) and every other status, 429 among them
            int status = exchanges.last().status();
            if (status >= 400 && status < 500 && status != 429) {
                outcome = "client_error";
                throw new CallRefusedException("plivo_rejected_" + status, e);
            }
            Reason reason = status == 429 ? Reason.RATE_LIMITED : Reason.SERVER_ERROR;
            outcome = reason.label();
            throw new PlivoUnavailableException("Plivo answered " + status, reason, false, e);
        } catch (IOException e) {
            boolean sent = exchanges.last().requestSent();
            Reason reason = sent && e instanceof SocketTimeoutException ? Reason.TIMEOUT : Reason.UNREACHABLE;
            outcome = reason.label();
            throw new PlivoUnavailableException((sent ? "No answer from Plivo: " : "Plivo could not be reached: ")
                    + e.getClass().getSimpleName(), reason, sent, e);
        } finally {
            if (outcome != null) {
                timer(outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
    }

    private Timer timer(String outcome) {
        return Timer.builder("otp.plivo.api").description("Plivo API requests through the SDK")
                .tag("operation", OPERATION).tag("outcome", outcome)
                .publishPercentileHistogram().register(meters);
    }

    /** Plivo's own number format: E.164 digits without the plus sign. */
    private static String plivoNumber(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
