package dev.voiceotp.verifier.check;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.app.ProducerApp;
import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.FailureBudget;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.verifier.web.ClientAddresses;
import dev.voiceotp.verifier.web.JsonBodies;
import dev.voiceotp.verifier.web.Problems;
import dev.voiceotp.verifier.web.RequestObservation;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producer apps' check API. An unknown id, an expired verification and another app's verification all get
 * the same 404, so ids cannot be probed across apps or after expiry. A number whose failure budget is spent gets
 * a 429 whose Retry-After is what is left of the budget's window; so does a check over a request limit (client
 * address, app or number, {@link CheckLimits}), which compares nothing and counts no attempt.
 *
 * <p>Order of refusals: no or unknown API key (401), a body not declared as JSON (415), a body that cannot be read
 * or a malformed code or number (400); none of them reaches Redis or counts as an attempt.
 */
@Component
class CheckHandler {

    static final String NO_VERIFICATION_WITH_ID = "No pending verification with this id.";
    static final String NO_VERIFICATION_FOR_NUMBER = "No pending verification for this number.";
    static final String BUDGET_EXHAUSTED_DETAIL = "Too many wrong codes for this phone number; this verification is locked. "
            + "Request a new code after the Retry-After period.";

    private final CodeChecker checker;
    private final ClientAddresses clients;
    private final ApiKeyAuthenticator apiKeys;
    private final JsonBodies<CheckRequests.ById> byIdBodies;
    private final JsonBodies<CheckRequests.ByNumber> byNumberBodies;

    CheckHandler(CodeChecker checker, ClientAddresses clients, ApiKeyAuthenticator apiKeys, JsonMapper json) {
        this.checker = checker;
        this.clients = clients;
        this.apiKeys = apiKeys;
        this.byIdBodies = new JsonBodies<>(json, CheckRequests.ById.class);
        this.byNumberBodies = new JsonBodies<>(json, CheckRequests.ByNumber.class);
    }

    /** {@code POST /v1/verifications/{id}/checks}: one Redis round trip. */
    Mono<ServerResponse> checkById(ServerRequest request) {
        String id = request.pathVariable("id");
        return authenticated(request, app -> byIdBodies.read(request)
                .flatMap(body -> RequestObservation.within(() -> checker.checkById(app.id(), clients.of(request), id, body.code())))
                .flatMap(outcome -> respond(request, outcome, NO_VERIFICATION_WITH_ID)));
    }

    /** {@code POST /v1/verification-checks}: the newest verification the app created for the number. */
    Mono<ServerResponse> checkByNumber(ServerRequest request) {
        return authenticated(request, app -> byNumberBodies.read(request)
                .flatMap(body -> {
                    String phoneNumber = PhoneNumbers.requireE164(body.phoneNumber(), "phoneNumber");
                    return RequestObservation.within(() -> checker.checkNewestForNumber(app.id(), clients.of(request), phoneNumber, body.code(),
                            FailureBudget.SHARED));
                })
                .flatMap(outcome -> respond(request, outcome, NO_VERIFICATION_FOR_NUMBER)));
    }

    private Mono<ServerResponse> authenticated(ServerRequest request, Function<ProducerApp, Mono<ServerResponse>> check) {
        @Nullable ProducerApp app = apiKeys.authenticate(request.headers().firstHeader(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (app == null) {
            return Problems.unauthorized(request);
        }
        if (!JsonBodies.isJson(request)) {
            return Problems.unsupportedMediaType(request);
        }
        return check.apply(app).onErrorResume(failure -> Problems.failure(request, failure));
    }

    private static Mono<ServerResponse> respond(ServerRequest request, CheckOutcome outcome, String notFoundDetail) {
        return switch (outcome.result()) {
            case NOT_FOUND -> Problems.of(request, notFound(notFoundDetail), HttpHeaders.EMPTY);
            case BUDGET_EXHAUSTED -> budgetExhausted(request, outcome);
            case RATE_LIMITED -> Problems.rateLimited(request, outcome.retryAfter());
            default -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(CheckResponseJson.of(outcome));
        };
    }

    private static ProblemDetail notFound(String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        body.setTitle("Not found");
        return body;
    }

    private static Mono<ServerResponse> budgetExhausted(ServerRequest request, CheckOutcome outcome) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, BUDGET_EXHAUSTED_DETAIL);
        body.setTitle("Too many failed attempts");
        body.setProperty("id", outcome.verificationId());
        body.setProperty("verificationStatus", outcome.status() == null ? null : outcome.status().wireName());
        return Problems.of(request, body, Problems.retryAfter(outcome.retryAfter()));
    }
}
