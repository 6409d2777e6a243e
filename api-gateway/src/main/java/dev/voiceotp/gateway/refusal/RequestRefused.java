package dev.voiceotp.gateway.refusal;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;

import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.contract.web.FieldError;

/**
 * A request the gateway will not turn into a call, answered as a problem whose {@code reason} property is the
 * {@link RefusalReason} tag: 429 with {@code Retry-After} when waiting helps, 422 naming {@code phoneNumber}
 * when the number itself is not allowed.
 */
public final class RequestRefused extends ApiProblem {

    private static final String PHONE_NUMBER = "phoneNumber";

    private final RefusalReason reason;

    private RequestRefused(HttpStatus status, String title, String detail, RefusalReason reason) {
        super(status, title, detail);
        this.reason = reason;
        getBody().setProperty("reason", reason.tag());
    }

    /** 429: a limit or cap is spent; {@code retryAfter} is when it will allow the request again. */
    public static RequestRefused tooMany(RefusalReason reason, String detail, Duration retryAfter) {
        RequestRefused refused = new RequestRefused(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, reason);
        // rounded up: a client that waits the advertised whole seconds must find the limit open again
        refused.retryAfter(Duration.ofSeconds(Math.ceilDiv(Math.max(0, retryAfter.toMillis()), 1000)));
        return refused;
    }

    /** 422: the number may not be called at all; {@code why} completes "phoneNumber: ...". */
    public static RequestRefused destination(RefusalReason reason, String why) {
        RequestRefused refused = new RequestRefused(HttpStatus.UNPROCESSABLE_CONTENT, "Destination not allowed",
                PHONE_NUMBER + ": " + why, reason);
        refused.withErrors(List.of(new FieldError(PHONE_NUMBER, why)));
        return refused;
    }

    public RefusalReason reason() {
        return reason;
    }
}
