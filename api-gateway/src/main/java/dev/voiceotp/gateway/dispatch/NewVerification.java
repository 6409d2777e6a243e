package dev.voiceotp.gateway.dispatch;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.DeliveryMethod;
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
 */
record NewVerification(String appId, Destination destination, @Nullable String locale, @Nullable DeliveryMethod delivery,
        @Nullable String idempotencyKey, @Nullable String clientAddress) {

    /** The number to call, E.164. */
    String phoneNumber() {
        return destination.e164();
    }
}
