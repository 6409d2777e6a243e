package dev.voiceotp.worker.plivo;

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
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Places a call with plivo-java's Call API; its failures are sorted like every call-placing request's
 * ({@link PlivoOperation}) and it is timed in {@code otp.plivo.api{operation=call_create}}.
 */
@Component
public class CallPlacer {

    private static final Logger log = LoggerFactory.getLogger(CallPlacer.class);

    private final PlivoClient client;
    private final PlivoOperation create;
    private final WorkerProperties.Plivo plivo;
    /**
     * "true" (synchronous detection: the answer webhook learns {@code Machine=true} and hangs up without a word)
     * in detect mode, else null (not sent). Not "hangup": that ends the call inside Plivo, and the worker would
     * have no say in what a machine hears.
     */
    private final @Nullable String machineDetection;

    CallPlacer(PlivoClient client, PlivoExchanges exchanges, WorkerProperties properties, MeterRegistry meters) {
        this.client = client;
        this.create = new PlivoOperation("call_create", "Plivo", exchanges, CallPlacer::refusalOf, false, meters);
        this.plivo = properties.plivo();
        this.machineDetection = properties.voicemail().mode() == WorkerProperties.Voicemail.Mode.DETECT ? "true" : null;
    }

    /** Places the call, on the pacing {@code slot} it holds, and returns Plivo's request UUID. */
    public String place(CallRequest request, CallSlot slot) {
        String from = request.callerId() != null ? request.callerId() : plivo.fromNumber();
        CallCreateResponse response = create.send(slot, () -> Call.creator(PlivoNumbers.of(from), List.of(PlivoNumbers.of(request.to())),
                        request.answerUrl())
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
                .create());
        log.info("Call placed for verification {} to {}: request {}", request.verificationId(), PhoneNumbers.mask(request.to()),
                response.getRequestUuid());
        return response.getRequestUuid();
    }

    /** The SDK's exception types that name a permanent refusal; every other status is sorted by its code. */
    private static @Nullable String refusalOf(PlivoRestException e) {
        return switch (e) {
            case InvalidRequestException ignored -> "invalid_request";
            case AuthenticationException ignored -> "plivo_authentication_failed";
            case GeoPermissionException ignored -> "destination_not_permitted";
            case ResourceNotFoundException ignored -> "plivo_resource_not_found";
            default -> null;
        };
    }
}
