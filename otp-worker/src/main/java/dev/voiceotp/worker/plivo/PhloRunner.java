package dev.voiceotp.worker.plivo;

import java.util.Map;

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
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivers a code by running a PHLO with payload {@code {from, to, otp}}, the design of Plivo's voice-OTP guide:
 * the PHLO calls the number and speaks {@code otp}. Unlike the Call API path, the code itself leaves the worker
 * here, in the body of one HTTPS request to Plivo; it is never logged.
 *
 * <p>A PHLO run is a call on the account like any other: it is started only once it holds its pacing slot, and
 * its failures are sorted exactly like the Call API's ({@link PlivoOperation}). Every run is timed in
 * {@code otp.plivo.api{operation=phlo_run}}.
 */
@Component
public class PhloRunner {

    private static final Logger log = LoggerFactory.getLogger(PhloRunner.class);
    private final PlivoClient client;
    private final PlivoOperation run;
    private final AppSettings apps;

    public PhloRunner(WorkerProperties properties, AppSettings apps, MeterRegistry meters) {
        PlivoExchanges exchanges = new PlivoExchanges();
        this.client = PhloRunRequest.newClient(properties, exchanges);
        // the request body carries the code: the SDK's messages, which may quote the response, are dropped
        this.run = new PlivoOperation("phlo_run", "the PHLO runner", exchanges, PhloRunner::refusalOf, true, meters);
        this.apps = apps;
    }

    /** Whether this request is delivered by PHLO (the request's choice, else its app's). */
    public boolean appliesTo(OtpRequest request) {
        return apps.delivery(request) == DeliveryMethod.PHLO;
    }

    /** Starts the PHLO run, on the pacing {@code slot} it holds, and returns its id. */
    public String run(OtpRequest request, String code, CallSlot slot) {
        String phloId = apps.phloId(request.appId()).orElseThrow(() -> new CallRefusedException("phlo_not_configured",
                new IllegalStateException("no PHLO id for app " + request.appId() + " and no voice-otp.worker.phlo.default-phlo-id")));
        Map<String, Object> payload = Map.of(
                "from", PlivoNumbers.of(apps.callerId(request.appId())),
                "to", PlivoNumbers.of(request.phoneNumber()),
                "otp", code);
        PhloUpdateResponse response = run.send(slot, () -> new PhloRunRequest(client, phloId, payload).run());
        // run() answers null when a 2xx body did not parse: the PHLO runs all the same, so it counts as placed
        String runId = response == null || response.getPhloRunId() == null ? "" : response.getPhloRunId();
        log.info("PHLO run {} started for verification {} to {}", runId, request.verificationId(), PhoneNumbers.mask(request.phoneNumber()));
        return runId;
    }

    /** The SDK's exception types that name a permanent refusal; every other status is sorted by its code. */
    private static @Nullable String refusalOf(PlivoRestException e) {
        return switch (e) {
            case InvalidRequestException ignored -> "invalid_request";
            case AuthenticationException ignored -> "plivo_authentication_failed";
            // the SDK maps both 404 and 403 (barred destination) of a PHLO run to this exception
            case ResourceNotFoundException ignored -> "phlo_refused";
            default -> null;
        };
    }
}
