package dev.voiceotp.gateway.dispatch;

import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * The dispatch endpoints as functional routes: the busiest path of the gateway goes from the route straight to its
 * handler, without annotation-driven argument resolution, return-value handling and a message converter chosen
 * per request (together more CPU than the dispatch itself). The API key interceptor and the shared problem handling
 * apply to these routes as to the annotated controllers. The annotations describe the routes for {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class DispatchRoutes {

    static final String CREATE = "/v1/verifications";
    static final String LEGACY_DISPATCH = "/dispatch_otp/{number}";

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Bean
    @RouterOperations(@RouterOperation(path = CREATE, method = RequestMethod.POST,
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE,
            operation = @Operation(operationId = "create", tags = "Verifications", security = @SecurityRequirement(name = "apiKey"),
                    summary = "Start a verification: call the number and read it a one-time code",
                    description = "Answers once Kafka holds the request. Repeating a request with the same Idempotency-Key "
                            + "(for the code's lifetime plus its retention) gets the first answer again, also when a rate limit "
                            + "of the number is spent by then, and places no second call. Asking again for a number whose "
                            + "verification from this app is still pending returns that verification (no second call) within "
                            + "the resend cooldown; after it, a new verification replaces the pending one, whose code stops "
                            + "working (its status becomes canceled, reason replaced).",
                    parameters = @Parameter(in = ParameterIn.HEADER, name = DispatchHandler.IDEMPOTENCY_KEY,
                            description = "Makes retries safe: 1-255 printable ASCII characters, unique per verification"),
                    requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CreateVerificationRequest.class))),
                    responses = {
                        @ApiResponse(responseCode = "202", description = "Queued; the call follows when the account's call pacing reaches it "
                                + "(within seconds unless requests are waiting for it)",
                                content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = VerificationAccepted.class))),
                        @ApiResponse(responseCode = "400", description = "A field or the Idempotency-Key is invalid, or the body is "
                                + "missing, not JSON or larger than 4 KiB (field body)",
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "401", description = "No valid API key",
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "415", description = "The body is not declared as application/json",
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "422", description = "The destination may not be called (reason destination_country "
                                + "or destination_type, field phoneNumber), or the Idempotency-Key was reused for another number",
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "429", description = "A limit is spent; reason names it: rate_limit_number, "
                                + "rate_limit_app, rate_limit_ip, rate_limit_prefix, number_calls_hourly, number_calls_daily, "
                                + "spend_cap_app or spend_cap_country",
                                headers = @Header(name = "Retry-After", description = "Seconds until the limit allows the request again",
                                        schema = @Schema(type = "integer")),
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "503", description = "Kafka or Redis unavailable; retry after Retry-After seconds",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM)))})))
    RouterFunction<ServerResponse> dispatchRoute(DispatchHandler handler) {
        return RouterFunctions.route().POST(CREATE, handler::create).build();
    }

    @Bean
    @ConditionalOnBooleanProperty("voice-otp.gateway.legacy.enabled")
    @RouterOperations(@RouterOperation(path = LEGACY_DISPATCH, method = RequestMethod.GET, produces = MediaType.APPLICATION_JSON_VALUE,
            operation = @Operation(operationId = "dispatchOtp", tags = "Guide compatibility",
                    summary = "Start a verification (guide interface, unauthenticated)",
                    description = "Takes E.164 (+14155550123) or digits only (14155550123).",
                    parameters = @Parameter(in = ParameterIn.PATH, name = "number", required = true),
                    responses = {
                        @ApiResponse(responseCode = "200", description = "Initiated: {\"status\": \"success\", \"message\": \"verification initiated\"}"),
                        @ApiResponse(responseCode = "400", description = "Not a callable number", content = @Content(
                                mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "422", description = "This number may not be called (which rule is not said)",
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "429", description = "A limit is spent (which one is not said); see Retry-After",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM))),
                        @ApiResponse(responseCode = "503", description = "Kafka or Redis unavailable; retry after Retry-After seconds",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
                                content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = PROBLEM)))})))
    RouterFunction<ServerResponse> legacyDispatchRoute(LegacyDispatchHandler handler) {
        return RouterFunctions.route().GET(LEGACY_DISPATCH, handler::dispatch).build();
    }
}
