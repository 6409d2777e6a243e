package dev.voiceotp.worker.call;

import java.io.IOException;
import java.util.List;

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

/**
 * Places a call with plivo-java's Call API and sorts its failures into "refused" (permanent, the
 * verification fails) and "unavailable" (transient, the request is retried later).
 */
@Component
public class CallPlacer {

    private static final Logger log = LoggerFactory.getLogger(CallPlacer.class);

    private final PlivoClient client;
    private final WorkerProperties.Plivo plivo;
    /**
     * "true" (synchronous detection: the answer webhook learns {@code Machine=true} and hangs up without a word)
     * in detect mode, else null (not sent). Not "hangup": that ends the call inside Plivo, and the worker would
     * have no say in what a machine hears.
     */
    private final @Nullable String machineDetection;

    public CallPlacer(PlivoClient client, WorkerProperties properties) {
        this.client = client;
        this.plivo = properties.plivo();
        this.machineDetection = properties.voicemail().mode() == WorkerProperties.Voicemail.Mode.DETECT ? "true" : null;
    }

    /** Places the call and returns Plivo's request UUID. */
    public String place(CallRequest request) {
        try {
            String from = request.callerId() != null ? request.callerId() : plivo.fromNumber();
            CallCreateResponse response = Call.creator(plivoNumber(from), List.of(plivoNumber(request.to())), request.answerUrl())
                    .answerMethod("POST")
                    .hangupUrl(request.hangupUrl())
                    .hangupMethod("POST")
                    .callerName(plivo.callerName())
                    .timeLimit(plivo.timeLimit().toSeconds())
                    .ringTimeout(plivo.ringTimeout().toSeconds())
                    .machineDetection(machineDetection)
                    .client(client)
                    .create();
            log.info("Call placed for verification {} to {}: request {}", request.verificationId(),
                    PhoneNumbers.mask(request.to()), response.getRequestUuid());
            return response.getRequestUuid();
        } catch (InvalidRequestException e) {
            throw refused("invalid_request", e);
        } catch (AuthenticationException e) {
            throw refused("plivo_authentication_failed", e);
        } catch (GeoPermissionException e) {
            throw refused("destination_not_permitted", e);
        } catch (ResourceNotFoundException e) {
            throw refused("plivo_resource_not_found", e);
        } catch (PlivoRestException e) {
            // ServerException (5xx after the SDK's fallback hosts) and the rest, 429 among them
            throw new PlivoUnavailableException("Plivo answered with a transient error: " + e.getClass().getSimpleName(), e);
        } catch (IOException e) {
            throw new PlivoUnavailableException("Plivo could not be reached: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Plivo's own number format: E.164 digits without the plus sign. */
    private static String plivoNumber(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    private static CallRefusedException refused(String reason, Exception cause) {
        return new CallRefusedException(reason, cause);
    }
}
