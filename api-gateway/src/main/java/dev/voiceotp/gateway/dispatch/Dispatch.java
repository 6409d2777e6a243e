package dev.voiceotp.gateway.dispatch;

import java.time.Instant;

/**
 * The verification a dispatch answers with.
 *
 * @param replayed true when an Idempotency-Key named an existing verification and nothing new was published
 */
record Dispatch(String id, String phoneNumber, Instant expiresAt, boolean replayed) {
}
