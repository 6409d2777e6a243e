package dev.voiceotp.gateway.refusal;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
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
    private static final String ANONYMOUS_TOO_MANY = "Too many requests; try again later.";
    private static final Duration ANONYMOUS_CAP_RETRY = Duration.ofMinutes(1);

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

    /**
     * The refusal as an unauthenticated caller sees it: the status and a general detail, without the reason, the
     * country, or which limit or cap tripped. Rate limits keep their Retry-After (the caller's own budget); a cap
     * (spend, or calls to the number) answers a fixed minute instead of the time it reopens, which would tell how
     * much traffic it holds.
     */
    public RequestRefused anonymous() {
        RequestRefused anonymous = switch (reason) {
            case DESTINATION_COUNTRY, DESTINATION_TYPE -> destination(reason, "this number cannot be called");
            case SPEND_CAP_APP, SPEND_CAP_COUNTRY, NUMBER_CALLS_HOURLY, NUMBER_CALLS_DAILY ->
                    tooMany(reason, ANONYMOUS_TOO_MANY, ANONYMOUS_CAP_RETRY);
            case RATE_LIMIT_NUMBER, RATE_LIMIT_APP, RATE_LIMIT_IP, RATE_LIMIT_PREFIX -> tooMany(reason, ANONYMOUS_TOO_MANY, retryAfter());
        };
        anonymous.getBody().getProperties().remove("reason");
        return anonymous;
    }

    /** The whole seconds of this refusal's Retry-After, which {@link #tooMany} always sets. */
    private Duration retryAfter() {
        String seconds = getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        return seconds == null ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(seconds));
    }
}
