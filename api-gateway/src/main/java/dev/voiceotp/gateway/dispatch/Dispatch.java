package dev.voiceotp.gateway.dispatch;

import java.time.Instant;

/** The verification a dispatch answers with: a new one, or the one a replay or a resend inside the cooldown names. */
public record Dispatch(String id, String phoneNumber, Instant expiresAt) {
}
