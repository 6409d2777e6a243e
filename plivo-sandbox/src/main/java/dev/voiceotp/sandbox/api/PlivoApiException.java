package dev.voiceotp.sandbox.api;

import org.springframework.http.HttpStatus;

/** A request Plivo would refuse; becomes Plivo's error body, which the SDK maps to its exception types. */
class PlivoApiException extends RuntimeException {

    private final HttpStatus status;

    PlivoApiException(HttpStatus status, String error) {
        super(error);
        this.status = status;
    }

    static PlivoApiException badRequest(String error) {
        return new PlivoApiException(HttpStatus.BAD_REQUEST, error);
    }

    HttpStatus status() {
        return status;
    }
}
