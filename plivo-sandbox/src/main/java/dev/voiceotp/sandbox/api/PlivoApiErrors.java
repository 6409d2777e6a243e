package dev.voiceotp.sandbox.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Answers failures of the Plivo API with Plivo's error body rather than Spring's, because the SDK reads that body
 * (and its status) to choose the exception it throws: for the annotated controllers of this package (failures of
 * the auth interceptor included) as an advice, for the functional Call API route through {@link #of}.
 */
@RestControllerAdvice(basePackageClasses = PlivoApiErrors.class)
class PlivoApiErrors {

    private static final String NOT_JSON = "the request body must be application/json";
    private static final String UNREADABLE = "the request body is not valid JSON for this resource";

    @ExceptionHandler(PlivoApiException.class)
    ResponseEntity<PlivoError> refused(PlivoApiException e) {
        return ResponseEntity.status(e.status()).body(PlivoError.of(e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<PlivoError> unreadable(HttpMessageNotReadableException e) {
        return refused(unreadable());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<PlivoError> notJson(HttpMediaTypeNotSupportedException e) {
        return refused(notJson());
    }

    /** The refusal of a body that is missing or not the resource's JSON. */
    static PlivoApiException unreadable() {
        return PlivoApiException.badRequest(UNREADABLE);
    }

    /** The refusal of a body not declared as JSON. */
    static PlivoApiException notJson() {
        return new PlivoApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, NOT_JSON);
    }

    /** A refusal as a functional route answers it. */
    static ServerResponse of(PlivoApiException e) {
        return ServerResponse.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(PlivoError.of(e.getMessage()));
    }
}
