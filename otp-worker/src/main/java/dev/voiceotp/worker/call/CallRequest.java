package dev.voiceotp.worker.call;

/**
 * One outbound call to place: where to call and where Plivo fetches the prompt and reports progress
 * (ringing) and the hangup. Carries no code: the URLs hold only an opaque call token.
 */
public record CallRequest(String verificationId, String to, String answerUrl, String hangupUrl, String ringUrl) {
}
