package dev.voiceotp.gateway.dispatch;

import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.app.ProducerApp;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.destination.DestinationPolicy;
import dev.voiceotp.gateway.ratelimit.ClientAddresses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code POST /v1/verifications}: a producer app asks for a number to be called with a fresh code. */
@RestController
@Tag(name = "Verifications")
@SecurityRequirement(name = "apiKey")
class DispatchController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern IDEMPOTENCY_KEY_FORMAT = Pattern.compile("\\p{Print}{1,255}");

    private final DispatchService dispatcher;
    private final DispatchMetrics metrics;
    private final ClientAddresses clientAddresses;
    private final DestinationPolicy destinations;

    DispatchController(DispatchService dispatcher, DispatchMetrics metrics, ClientAddresses clientAddresses,
            DestinationPolicy destinations) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clientAddresses = clientAddresses;
        this.destinations = destinations;
    }

    @Operation(summary = "Start a verification: call the number and read it a one-time code",
            description = "Answers once Kafka holds the request. Repeating a request with the same Idempotency-Key "
                    + "returns the first verification and places no second call. Asking again for a number whose "
                    + "verification from this app is still pending returns that verification (no second call) within "
                    + "the resend cooldown; after it, a new verification replaces the pending one, whose code stops "
                    + "working (its status becomes canceled, reason replaced).")
    @ApiResponse(responseCode = "202", description = "Queued; the call follows within seconds")
    @ApiResponse(responseCode = "400", description = "A field or the Idempotency-Key is invalid", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "401", description = "No valid API key", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "422", description = "The destination may not be called (reason destination_country or "
            + "destination_type, field phoneNumber), or the Idempotency-Key was reused for another number", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "429", description = "A limit is spent; reason names it: rate_limit_number, rate_limit_app, "
            + "rate_limit_ip, rate_limit_prefix, number_calls_hourly, number_calls_daily, spend_cap_app or spend_cap_country",
            headers = @Header(name = "Retry-After", description = "Seconds until the limit allows the request again",
                    schema = @Schema(type = "integer")),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "503", description = "Kafka or Redis unavailable; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping(path = "/v1/verifications", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VerificationAccepted> create(@Parameter(hidden = true) ProducerApp app,
            @RequestBody CreateVerificationRequest body,
            @Parameter(description = "Makes retries safe: 1-255 printable ASCII characters, unique per verification")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            HttpServletRequest http) {
        NewVerification request = metrics.validated(app.id(), () -> new NewVerification(app.id(),
                destinations.validate(body.phoneNumber(), "phoneNumber"), NewVerification.requireLocale(body.locale()), delivery(body.delivery()),
                idempotencyKey(idempotencyKey), clientAddresses.of(http)));
        VerificationAccepted accepted = VerificationAccepted.of(dispatcher.dispatch(request));
        return ResponseEntity.accepted().location(URI.create("/v1/verifications/" + accepted.id())).body(accepted);
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
