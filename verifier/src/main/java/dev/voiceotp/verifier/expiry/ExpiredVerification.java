package dev.voiceotp.verifier.expiry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A verification that was still pending when its lifetime ended.
 *
 * @param region ISO 3166 region of the number; null when unknown
 */
record ExpiredVerification(String id, String appId, Instant expiresAt, @Nullable String region) {
}
