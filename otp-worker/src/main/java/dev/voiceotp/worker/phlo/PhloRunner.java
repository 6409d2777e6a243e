package dev.voiceotp.worker.phlo;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.AuthenticationException;
import com.plivo.api.exceptions.InvalidRequestException;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.exceptions.ResourceNotFoundException;
import com.plivo.api.models.phlo.PhloUpdateResponse;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.app.AppSettings;
import dev.voiceotp.worker.call.CallRefusedException;
import dev.voiceotp.worker.call.PlivoExchanges;
import dev.voiceotp.worker.call.PlivoUnavailableException;
import dev.voiceotp.worker.call.PlivoUnavailableException.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Delivers a code by running a PHLO with payload {@code {from, to, otp}}, the design of Plivo's voice-OTP guide:
 * the PHLO calls the number and speaks {@code otp}. Unlike the Call API path, the code itself leaves the worker
 * here, in the body of one HTTPS request to Plivo; it is never logged.
 *
 * <p>A PHLO run is a call on the account like any other: it is started only once it holds its pacing slot, and
 * its failures are sorted exactly like the Call API's: refused (4xx: permanent), unavailable (5xx, 429, not sent:
 * retried) and ambiguous (sent, no answer: the call may exist). Every run is timed in
 * {@code otp.plivo.api{operation=phlo_run}}.
 */
@Component
public class PhloRunner {

    private static final Logger log = LoggerFactory.getLogger(PhloRunner.class);
    private static final String OPERATION = "phlo_run";

    private final PlivoExchanges exchanges = new PlivoExchanges();
    private final PlivoClient client;
    private final AppSettings apps;
    private final MeterRegistry meters;

    public PhloRunner(WorkerProperties properties, AppSettings apps, MeterRegistry meters) {
        this.client = PhloRunRequest.newClient(properties, exchanges);
        this.apps = apps;
        this.meters = meters;
        for (String outcome : List.of("success", "client_error", "rate_limited", "server_error", "timeout", "unreachable")) {
            timer(outcome);
        }
    }

    /** Whether this request is delivered by PHLO (the request's choice, else its app's). */
    public boolean appliesTo(OtpRequest request) {
        return apps.delivery(request) == DeliveryMethod.PHLO;
    }

    /** Starts the PHLO run and returns its id. */
    public String run(OtpRequest request, String code) {
        String phloId = apps.phloId(request.appId()).orElseThrow(() -> new CallRefusedException("phlo_not_configured",
                new IllegalStateException("no PHLO id for app " + request.appId() + " and no voice-otp.worker.phlo.default-phlo-id")));
        Map<String, Object> payload = Map.of(
                "from", plivoNumber(apps.callerId(request.appId())),
                "to", plivoNumber(request.phoneNumber()),
                "otp", code);
        exchanges.reset();
        long start = System.nanoTime();
        @Nullable String outcome = null;
        try {
            PhloUpdateResponse response = new PhloRunRequest(client, phloId, payload).run();
            outcome = "success";
            // run() answers null when a 2xx body did not parse: the PHLO runs all the same, so it counts as placed
            String runId = response == null || response.getPhloRunId() == null ? "" : response.getPhloRunId();
            log.info("PHLO run {} started for verification {} to {}", runId, request.verificationId(),
                    PhoneNumbers.mask(request.phoneNumber()));
            return runId;
        } catch (InvalidRequestException e) {
            outcome = "client_error";
            throw refused("invalid_request", e);
        } catch (AuthenticationException e) {
            outcome = "client_error";
            throw refused("plivo_authentication_failed", e);
        } catch (ResourceNotFoundException e) {
            outcome = "client_error";
            // the SDK maps both 404 and 403 (barred destination) of a PHLO run to this exception
            throw refused("phlo_refused", e);
        } catch (PlivoRestException e) {
            // ServerException (5xx) and every other status, 429 among them
            int status = exchanges.last().status();
            if (status >= 400 && status < 500 && status != 429) {
                outcome = "client_error";
                throw refused("plivo_rejected_" + status, e);
            }
            Reason reason = status == 429 ? Reason.RATE_LIMITED : Reason.SERVER_ERROR;
            outcome = reason.label();
            throw new PlivoUnavailableException("the PHLO runner answered " + status, reason, false, withoutBody(e));
        } catch (IOException e) {
            boolean sent = exchanges.last().requestSent();
            Reason reason = sent && e instanceof SocketTimeoutException ? Reason.TIMEOUT : Reason.UNREACHABLE;
            outcome = reason.label();
            throw new PlivoUnavailableException((sent ? "No answer from the PHLO runner: " : "The PHLO runner could not be reached: ")
                    + e.getClass().getSimpleName(), reason, sent, withoutBody(e));
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

    private static CallRefusedException refused(String reason, PlivoRestException e) {
        return new CallRefusedException(reason, withoutBody(e));
    }

    /**
     * The SDK's exception message is Plivo's raw response body (a parse error quotes it too), which could echo the
     * payload and with it the code: keep only the kind of failure, so no log line or dead letter can carry it.
     */
    private static Exception withoutBody(Exception e) {
        Exception sanitized = new Exception("Plivo answered " + e.getClass().getSimpleName());
        sanitized.setStackTrace(e.getStackTrace());
        return sanitized;
    }

    /** Plivo's own number format: E.164 digits without the plus sign. */
    private static String plivoNumber(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
