package dev.voiceotp.verifier.web;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.voiceotp.contract.web.ApiProblem;
import io.lettuce.core.RedisException;
import reactor.core.publisher.Mono;

/**
 * The verifier's {@code application/problem+json} answers, in the shape the other services' shared problem handling
 * gives them ({@code instance} is the request path): a known failure keeps its status, headers and body; Redis
 * unavailable becomes 503 with Retry-After; anything else is logged and answered 500 without internals.
 */
public final class Problems {

    /** The detail of every 429 answered for a spent request limit. */
    public static final String RATE_LIMITED_DETAIL = "Too many checks; try again after the Retry-After period.";

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final Duration STORAGE_RETRY_AFTER = Duration.ofSeconds(2);

    private Problems() {
    }

    /** 401 with {@code WWW-Authenticate: Bearer}, the answer to a missing or unknown API key. */
    public static Mono<ServerResponse> unauthorized(ServerRequest request) {
        ApiProblem problem = new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "A valid API key is required: send 'Authorization: Bearer <api-key>'.");
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return of(request, problem);
    }

    /** 415, the answer to a body that is not declared as JSON. */
    public static Mono<ServerResponse> unsupportedMediaType(ServerRequest request) {
        ApiProblem problem = new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                "Content-Type '" + request.headers().contentType().map(MediaType::toString).orElse("") + "' is not supported; send application/json.");
        problem.getHeaders().setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
        return of(request, problem);
    }

    /** The answer to a failed check or lookup: its own problem, 503 while Redis cannot answer, else 500. */
    public static Mono<ServerResponse> failure(ServerRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ErrorResponse problem) {
            return of(request, problem);
        }
        if (cause instanceof RedisException) {
            log.warn("Redis unavailable: {}", cause.getMessage());
            return of(request, ApiProblem.unavailable("Verification storage is unavailable; retry shortly.", STORAGE_RETRY_AFTER));
        }
        log.error("Unexpected failure", cause);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
        return write(request, HttpStatus.INTERNAL_SERVER_ERROR.value(), HttpHeaders.EMPTY, body);
    }

    /**
     * A problem answered without an exception, for outcomes that are part of the normal flow (an unknown id, a spent
     * failure budget): no stack trace is taken for them.
     */
    public static Mono<ServerResponse> of(ServerRequest request, ProblemDetail body, HttpHeaders headers) {
        return write(request, body.getStatus(), headers, body);
    }

    /**
     * 429 for a check over a request limit (client address, app or number). It does not say which: a caller learns
     * nothing about the other clients of a number or an app.
     */
    public static Mono<ServerResponse> rateLimited(ServerRequest request, @Nullable Duration retryAfter) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED_DETAIL);
        body.setTitle("Too many requests");
        return of(request, body, retryAfter(retryAfter));
    }

    /**
     * A {@code Retry-After} header for what is left of a window: whole seconds, rounded up and at least one, so a
     * client retrying on the dot does not land inside the window.
     */
    public static HttpHeaders retryAfter(@Nullable Duration left) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (left == null ? Duration.ZERO : left).plusMillis(999).toSeconds())));
        return headers;
    }

    public static Mono<ServerResponse> of(ServerRequest request, ErrorResponse problem) {
        return write(request, problem.getStatusCode().value(), problem.getHeaders(), problem.getBody());
    }

    private static Mono<ServerResponse> write(ServerRequest request, int status, HttpHeaders headers, ProblemDetail body) {
        if (body.getInstance() == null) {
            body.setInstance(URI.create(request.requestPath().value()));
        }
        return ServerResponse.status(status)
                .headers(target -> target.addAll(headers))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(body);
    }
}
