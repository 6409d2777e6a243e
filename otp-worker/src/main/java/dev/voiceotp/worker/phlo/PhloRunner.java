package dev.voiceotp.worker.phlo;

import java.io.IOException;
import java.util.Map;

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
import dev.voiceotp.worker.call.PlivoUnavailableException;

/**
 * Delivers a code by running a PHLO with payload {@code {from, to, otp}}, the design of Plivo's voice-OTP guide:
 * the PHLO calls the number and speaks {@code otp}. Unlike the Call API path, the code itself leaves the worker
 * here, in the body of one HTTPS request to Plivo; it is never logged. Failures are sorted like the Call API's:
 * refused (permanent, the verification fails) or unavailable (transient, retried).
 */
@Component
public class PhloRunner {

    private static final Logger log = LoggerFactory.getLogger(PhloRunner.class);

    private final PlivoClient client;
    private final AppSettings apps;

    public PhloRunner(WorkerProperties properties, AppSettings apps) {
        this.client = PhloRunRequest.newClient(properties);
        this.apps = apps;
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
        try {
            PhloUpdateResponse response = new PhloRunRequest(client, phloId, payload).run();
            // run() answers null when a 2xx body did not parse: the PHLO runs all the same, so it counts as placed
            String runId = response == null || response.getPhloRunId() == null ? "" : response.getPhloRunId();
            log.info("PHLO run {} started for verification {} to {}", runId, request.verificationId(),
                    PhoneNumbers.mask(request.phoneNumber()));
            return runId;
        } catch (InvalidRequestException e) {
            throw refused("invalid_request", e);
        } catch (AuthenticationException e) {
            throw refused("plivo_authentication_failed", e);
        } catch (ResourceNotFoundException e) {
            // the SDK maps both 404 and 403 (barred destination) of a PHLO run to this exception
            throw refused("phlo_refused", e);
        } catch (PlivoRestException e) {
            // ServerException (5xx) and the rest, 429 among them
            throw new PlivoUnavailableException("the PHLO runner answered with a transient error: " + e.getClass().getSimpleName(),
                    withoutBody(e));
        } catch (IOException e) {
            throw new PlivoUnavailableException("the PHLO runner could not be reached: " + e.getClass().getSimpleName(), e);
        }
    }

    private static CallRefusedException refused(String reason, PlivoRestException e) {
        return new CallRefusedException(reason, withoutBody(e));
    }

    /**
     * The SDK's exception message is Plivo's raw response body, which could echo the payload and with it the
     * code: keep only the kind of failure, so no log line or dead letter can carry it.
     */
    private static Exception withoutBody(PlivoRestException e) {
        Exception sanitized = new Exception("Plivo answered " + e.getClass().getSimpleName());
        sanitized.setStackTrace(e.getStackTrace());
        return sanitized;
    }

    /** Plivo's own number format: E.164 digits without the plus sign. */
    private static String plivoNumber(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
