package dev.voiceotp.gateway.refusal;

import java.util.Locale;

/**
 * The {@code reason} of a refused request: in the problem body, and as the {@code reason} tag of
 * {@code otp.refusals}. A closed set, so the metric's series stay bounded.
 */
public enum RefusalReason {
    RATE_LIMIT_NUMBER,
    RATE_LIMIT_APP,
    RATE_LIMIT_IP,
    RATE_LIMIT_PREFIX,
    NUMBER_CALLS_HOURLY,
    NUMBER_CALLS_DAILY,
    DESTINATION_COUNTRY,
    DESTINATION_TYPE,
    SPEND_CAP_APP,
    SPEND_CAP_COUNTRY;

    /** The wire and tag form, for example {@code rate_limit_number}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RefusalReason fromTag(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT));
    }
}
