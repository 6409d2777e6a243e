package dev.voiceotp.gateway.dispatch;

import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.web.PreparedBodies;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.destination.DestinationPolicy;
import dev.voiceotp.gateway.ratelimit.ClientAddresses;
import dev.voiceotp.gateway.refusal.RequestRefused;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guide's {@code GET /dispatch_otp/{number}}, kept so clients written against the guide keep working.
 * It has no authentication, so it is off unless configured, and its verifications belong
 * to one configured app. Same creation path and rules as {@code POST /v1/verifications}, without an idempotency
 * key; browsers call it directly, which is where the per-address limit matters most (the gateway does not start
 * with this endpoint on and that limit off). It calls only the countries of its own allow-list, and its refusals
 * say neither why nor which country, limit or cap ({@link RequestRefused#anonymous()}).
 */
@Component
@ConditionalOnBooleanProperty("voice-otp.gateway.legacy.enabled")
class LegacyDispatchHandler {

    /** The guide's success body. */
    record LegacyAnswer(String status, String message) {
    }

    private static final LegacyAnswer INITIATED = new LegacyAnswer("success", "verification initiated");

    private final DispatchService dispatcher;
    private final DispatchMetrics metrics;
    private final ClientAddresses clientAddresses;
    private final DestinationPolicy destinations;
    private final String appId;
    private final Set<String> allowedCountries;
    private final byte[] initiated;

    LegacyDispatchHandler(DispatchService dispatcher, DispatchMetrics metrics, ClientAddresses clientAddresses,
            DestinationPolicy destinations, GatewayProperties properties, ApiKeyAuthenticator apps, JsonMapper json) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clientAddresses = clientAddresses;
        this.destinations = destinations;
        String configured = String.valueOf(properties.legacy().appId());
        this.appId = apps.appById(configured)
                .orElseThrow(() -> new IllegalStateException("voice-otp.gateway.legacy.app-id '" + configured
                        + "' names no app in voice-otp.apps"))
                .id();
        this.allowedCountries = Set.copyOf(properties.legacy().allowedCountries());
        this.initiated = json.writeValueAsBytes(INITIATED);
    }

    ServerResponse dispatch(ServerRequest request) {
        String number = request.pathVariable("number");
        NewVerification verification = metrics.validated(appId, () -> new NewVerification(appId,
                destinations.validateLenient(number, "number"), null, null, null, clientAddresses.ofAnonymous(request.servletRequest())));
        try {
            DestinationPolicy.requireListedCountry(verification.destination(), allowedCountries);
        } catch (RequestRefused refused) {
            // a valid number this route may not call: a refusal, like the API's own country refusal, not invalid input
            metrics.refused(appId, refused.reason());
            throw refused.anonymous();
        }
        try {
            dispatcher.dispatch(verification);
        } catch (RequestRefused refused) {
            // counted under its real reason already; an anonymous caller learns only that it was refused
            throw refused.anonymous();
        }
        return PreparedBodies.of(ServerResponse.ok(), MediaType.APPLICATION_JSON, initiated);
    }
}
