package dev.voiceotp.sandbox.call;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.sandbox.callback.CallbackUrl;
import dev.voiceotp.sandbox.xml.PlivoResponse;

/**
 * One destination of a Call API request (or of a PHLO run), validated.
 *
 * @param from the caller id in E.164 ({@code +14155550100})
 * @param to the destination in E.164, or a SIP URI
 * @param answerUrl where the answer XML comes from; null when {@code inlineAnswer} is played instead (a PHLO)
 * @param inlineAnswer the document a PHLO plays on answer, with no application to ask
 * @param timeLimit how long the call may last once answered
 * @param ringTimeout how long it may ring unanswered
 */
public record CallRequest(
        String from,
        String to,
        @Nullable String callerName,
        @Nullable CallbackUrl answerUrl,
        @Nullable PlivoResponse inlineAnswer,
        @Nullable CallbackUrl hangupUrl,
        @Nullable CallbackUrl ringUrl,
        Duration timeLimit,
        Duration ringTimeout,
        MachineDetection machineDetection) {

    /** Plivo's default {@code time_limit}: 4 hours. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(14_400);

    /** Plivo's default {@code ring_timeout}. */
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(120);

    public CallRequest {
        if ((answerUrl == null) == (inlineAnswer == null)) {
            throw new IllegalArgumentException("a call needs either an answer URL or an inline answer");
        }
    }

    /** The call a PHLO places: no callbacks, Plivo's defaults, the PHLO's own document on answer. */
    public static CallRequest phlo(String from, String to, PlivoResponse document) {
        return new CallRequest(from, to, null, null, document, null, null, DEFAULT_TIME_LIMIT, DEFAULT_RING_TIMEOUT,
                MachineDetection.OFF);
    }
}
