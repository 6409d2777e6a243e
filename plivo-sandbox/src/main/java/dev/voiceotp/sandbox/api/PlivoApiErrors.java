package dev.voiceotp.sandbox.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers failures of the Plivo API with Plivo's error body rather than Spring's, because the SDK reads that body
 * (and its status) to choose the exception it throws. Also covers failures of the auth interceptor.
 */
@RestControllerAdvice(basePackageClasses = PlivoApiErrors.class)
class PlivoApiErrors {

    @ExceptionHandler(PlivoApiException.class)
    ResponseEntity<PlivoError> refused(PlivoApiException e) {
        return ResponseEntity.status(e.status()).body(PlivoError.of(e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<PlivoError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(PlivoError.of("the request body is not valid JSON for this resource"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<PlivoError> notJson(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(PlivoError.of("the request body must be application/json"));
    }
}
