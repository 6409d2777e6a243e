package dev.voiceotp.sandbox.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the Call API or a PHLO run answers a request that a rule matches. */
public enum ApiBehaviour {
    /** 201, the call is fired. */
    ACCEPT("accept"),
    /** 500: the SDK retries its two fallback hosts, then throws {@code ServerException}. */
    SERVER_ERROR("server_error"),
    /** 429: the SDK throws a bare {@code PlivoRestException} carrying the body. */
    RATE_LIMITED("rate_limited"),
    /** 400: the SDK throws {@code InvalidRequestException}. */
    INVALID_NUMBER("invalid_number"),
    /** 403: on calls the SDK throws {@code GeoPermissionException}. */
    GEO_BARRED("geo_barred"),
    /** 201 after a delay, with the call already fired: a client that times out cannot know whether it was. */
    SLOW("slow"),
    /**
     * 201 after a delay, the call fired only at its end: a client that timed out before then hears of the call only
     * from its callbacks, after it gave up on the answer.
     */
    LATE("late");

    private final String wireName;

    ApiBehaviour(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean accepts() {
        return this == ACCEPT || this == SLOW || this == LATE;
    }
}
