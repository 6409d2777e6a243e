package dev.voiceotp.contract.web;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/** An expected failure that becomes a problem response, optionally naming the rejected fields. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatusCode status, String title, String detail) {
        super(status);
        getBody().setTitle(title);
        setDetail(detail);
    }

    public static ApiProblem invalidField(String field, String reason) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + reason)
                .withErrors(List.of(new FieldError(field, reason)));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    /** A dependency (Kafka, Redis) is not answering: the client should retry later. */
    public static ApiProblem unavailable(String detail, Duration retryAfter) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail).retryAfter(retryAfter);
    }

    public ApiProblem withErrors(List<FieldError> errors) {
        getBody().setProperty("errors", errors);
        return this;
    }

    public ApiProblem retryAfter(Duration retryAfter) {
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return this;
    }

    public @Nullable Object property(String name) {
        var properties = getBody().getProperties();
        return properties == null ? null : properties.get(name);
    }
}
