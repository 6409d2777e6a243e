package dev.voiceotp.gateway.dispatch;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.destination.Destination;

/**
 * A validated request for a verification, whichever endpoint it came through.
 *
 * @param appId the producer app it will belong to
 * @param destination the number to call (E.164), with its region and type
 * @param locale BCP 47 tag of the prompt language, or null for the worker's default
 * @param delivery how to call, or null for the app's configured method (which the worker knows)
 * @param idempotencyKey the client's Idempotency-Key, or null when it sent none
 * @param clientAddress the end user's address for the per-address limit, or null when there is none to limit
 * @param verificationId the id its publisher chose (a direct request), or null for a new random one
 */
public record NewVerification(String appId, Destination destination, @Nullable String locale, @Nullable DeliveryMethod delivery,
        @Nullable String idempotencyKey, @Nullable String clientAddress, @Nullable String verificationId) {

    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

    /**
     * A request's prompt language as it gave it: null, or a BCP 47 tag like {@code en} or {@code en-US}.
     *
     * @throws ApiProblem 400 naming the field {@code locale} otherwise
     */
    public static @Nullable String requireLocale(@Nullable String locale) {
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            throw ApiProblem.invalidField("locale", "must be a BCP 47 language tag like en or en-US");
        }
        return locale;
    }

    /** A request through the REST API: its verification gets a new random id. */
    public NewVerification(String appId, Destination destination, @Nullable String locale, @Nullable DeliveryMethod delivery,
            @Nullable String idempotencyKey, @Nullable String clientAddress) {
        this(appId, destination, locale, delivery, idempotencyKey, clientAddress, null);
    }

    /** The number to call, E.164. */
    public String phoneNumber() {
        return destination.e164();
    }
}
