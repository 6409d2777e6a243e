package dev.voiceotp.sandbox.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One request to the Plivo API as the sandbox answered it, accepted or refused: lets a test count how often a
 * client came (the SDK's fallback retries, a worker's backoff) even when no call was placed.
 *
 * @param api {@code call} or {@code phlo}
 * @param to the destinations in E.164
 * @param requestUuids the calls it fired, if any
 */
public record ApiRequest(Instant at, String api, List<String> to, int status, @Nullable String error,
        List<String> requestUuids) {
}
