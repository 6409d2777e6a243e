package dev.voiceotp.sandbox.call;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A consistent copy of a call at one moment; this is the inspection API's JSON. The fields up to {@code events}
 * are the documented contract that tests in other modules read; the rest are extras ({@code createdAt} is
 * {@code apiRequestedAt}'s older name).
 *
 * @param apiRequestedAt when the Call API request arrived
 * @param queuedUntil when the call actually started, after the sandbox's calls-per-second queue
 * @param hangupCause the {@code HangupCause} the hangup callback carried; null while the call is going on
 * @param machine whether a machine answered
 * @param heardCode the last code of 4-10 digits the callee heard, as a person would type it; null before one was read
 */
public record CallSnapshot(
        String requestUuid,
        String callUuid,
        String from,
        String to,
        CallStatus status,
        @Nullable String hangupCause,
        boolean machine,
        @Nullable String spokenText,
        List<String> digitsPressed,
        Instant apiRequestedAt,
        Instant queuedUntil,
        List<CallEvent> events,
        @Nullable URI answerUrl,
        @Nullable URI hangupUrl,
        Instant createdAt,
        @Nullable String failureReason,
        @Nullable Instant answeredAt,
        @Nullable Instant endedAt,
        @Nullable String heardCode) {
}
