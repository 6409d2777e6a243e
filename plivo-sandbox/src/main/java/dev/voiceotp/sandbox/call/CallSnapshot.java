package dev.voiceotp.sandbox.call;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A consistent copy of a call at one moment; this is the inspection API's JSON. The first eight fields are the
 * documented contract (tests in other modules read them); the rest are extras.
 */
public record CallSnapshot(
        String requestUuid,
        String callUuid,
        String from,
        String to,
        URI answerUrl,
        CallStatus status,
        @Nullable String spokenText,
        Instant createdAt,
        @Nullable URI hangupUrl,
        @Nullable String failureReason,
        @Nullable Instant answeredAt,
        @Nullable Instant endedAt,
        List<CallEvent> events) {
}
