package dev.voiceotp.sandbox.api;

import org.springframework.http.HttpStatus;

import dev.voiceotp.sandbox.scenario.ApiBehaviour;

/**
 * A request Plivo would refuse; becomes Plivo's error body, which the SDK maps to its exception types. The messages
 * are the sandbox's own: Plivo's exact texts are not documented.
 */
class PlivoApiException extends RuntimeException {

    private final HttpStatus status;

    PlivoApiException(HttpStatus status, String error) {
        super(error);
        this.status = status;
    }

    static PlivoApiException badRequest(String error) {
        return new PlivoApiException(HttpStatus.BAD_REQUEST, error);
    }

    static PlivoApiException invalidNumber() {
        return badRequest("invalid destination number: to must hold valid phone numbers (E.164 without '+') or SIP URIs");
    }

    /** The sandbox's own bound on queued calls; Plivo's is not documented. */
    static PlivoApiException queueFull() {
        return new PlivoApiException(HttpStatus.TOO_MANY_REQUESTS,
                "too many requests: the account's outbound call queue is full");
    }

    /** The refusal a scenario rule asks for. */
    static PlivoApiException toldBy(ApiBehaviour behaviour) {
        return switch (behaviour) {
            case SERVER_ERROR -> new PlivoApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal server error");
            case RATE_LIMITED -> new PlivoApiException(HttpStatus.TOO_MANY_REQUESTS,
                    "too many requests: the account's API rate limit was exceeded");
            case INVALID_NUMBER -> invalidNumber();
            case GEO_BARRED -> new PlivoApiException(HttpStatus.FORBIDDEN,
                    "destination barred: calls to this country or prefix are not allowed by the account's geo permissions");
            case ACCEPT, SLOW, LATE -> throw new IllegalArgumentException(behaviour + " does not refuse");
        };
    }

    HttpStatus status() {
        return status;
    }
}
