package dev.voiceotp.gateway.dispatch;

import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.app.AuthenticatedApps;
import dev.voiceotp.contract.app.ProducerApp;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.contract.web.PreparedBodies;
import dev.voiceotp.gateway.destination.DestinationPolicy;
import dev.voiceotp.gateway.ratelimit.ClientAddresses;

/**
 * {@code POST /v1/verifications}: a producer app asks for a number to be called with a fresh code. The API key
 * interceptor has authenticated the app before this runs; every refusal below names its field and is counted.
 */
@Component
class DispatchHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern IDEMPOTENCY_KEY_FORMAT = Pattern.compile("\\p{Print}{1,255}");

    private final DispatchService dispatcher;
    private final DispatchMetrics metrics;
    private final ClientAddresses clientAddresses;
    private final DestinationPolicy destinations;
    private final DispatchJson json;

    DispatchHandler(DispatchService dispatcher, DispatchMetrics metrics, ClientAddresses clientAddresses,
            DestinationPolicy destinations, DispatchJson json) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clientAddresses = clientAddresses;
        this.destinations = destinations;
        this.json = json;
    }

    ServerResponse create(ServerRequest request) throws Exception {
        ProducerApp app = AuthenticatedApps.of(request.servletRequest());
        CreateVerificationRequest body = json.createRequest(request);
        @Nullable String idempotencyKey = request.headers().firstHeader(IDEMPOTENCY_KEY);
        NewVerification verification = metrics.validated(app.id(), () -> new NewVerification(app.id(),
                destinations.validate(body.phoneNumber(), "phoneNumber"), NewVerification.requireLocale(body.locale()),
                delivery(body.delivery()), idempotencyKey(idempotencyKey), clientAddresses.of(request.servletRequest())));
        VerificationAccepted accepted = VerificationAccepted.of(dispatcher.dispatch(verification));
        byte[] answer = json.accepted(accepted);
        return PreparedBodies.of(ServerResponse.accepted().location(URI.create("/v1/verifications/" + accepted.id())),
                MediaType.APPLICATION_JSON, answer);
    }

    private static @Nullable DeliveryMethod delivery(@Nullable String delivery) {
        if (delivery == null) {
            return null;
        }
        return Arrays.stream(DeliveryMethod.values()).filter(method -> method.wireName().equals(delivery)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("delivery", "must be call or phlo"));
    }

    private static @Nullable String idempotencyKey(@Nullable String key) {
        if (key != null && !IDEMPOTENCY_KEY_FORMAT.matcher(key).matches()) {
            throw ApiProblem.invalidField(IDEMPOTENCY_KEY, "must be 1-255 printable ASCII characters");
        }
        return key;
    }
}
