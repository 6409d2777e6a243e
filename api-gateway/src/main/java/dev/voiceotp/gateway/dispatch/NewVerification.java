package dev.voiceotp.gateway.dispatch;

import org.jspecify.annotations.Nullable;

/**
 * A validated request for a verification, whichever endpoint it came through.
 *
 * @param appId the producer app it will belong to
 * @param phoneNumber E.164
 * @param locale BCP 47 tag of the prompt language, or null for the worker's default
 * @param idempotencyKey the client's Idempotency-Key, or null when it sent none
 */
record NewVerification(String appId, String phoneNumber, @Nullable String locale, @Nullable String idempotencyKey) {
}
