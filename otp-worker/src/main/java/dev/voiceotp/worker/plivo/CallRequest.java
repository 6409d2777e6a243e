package dev.voiceotp.worker.plivo;

import org.jspecify.annotations.Nullable;

/**
 * One outbound call to place: where to call and where Plivo fetches the prompt and reports progress
 * (ringing) and the hangup. Carries no code: the URLs hold only an opaque call token.
 *
 * @param callerId the number the callee sees (E.164), or null for the worker's from-number
 */
public record CallRequest(String verificationId, String to, String answerUrl, String hangupUrl, String ringUrl,
        @Nullable String callerId) {

    public CallRequest(String verificationId, String to, String answerUrl, String hangupUrl, String ringUrl) {
        this(verificationId, to, answerUrl, hangupUrl, ringUrl, null);
    }
}
