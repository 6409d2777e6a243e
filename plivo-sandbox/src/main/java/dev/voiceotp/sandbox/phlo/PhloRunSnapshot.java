package dev.voiceotp.sandbox.phlo;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A PHLO run as {@code GET /sandbox/phlo-runs} shows it.
 *
 * @param status the status of the run's call ({@code queued}, {@code ringing}, {@code in-progress},
 *        {@code completed}, {@code busy}, {@code no-answer}, {@code failed})
 * @param requestUuid the run's call, for {@code GET /sandbox/calls/{requestUuid}}
 */
public record PhloRunSnapshot(String phloRunId, String phloId, String from, String to, String status,
        @Nullable String spokenText, Instant at, String requestUuid) {
}
