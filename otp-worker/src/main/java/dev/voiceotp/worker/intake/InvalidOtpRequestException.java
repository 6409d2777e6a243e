package dev.voiceotp.worker.intake;

/**
 * A request that no retry can make valid (not authenticated, unknown version or app, bad number): it goes straight to
 * the dead-letter topic.
 */
class InvalidOtpRequestException extends RuntimeException {

    private final String deadLetterReason;

    private InvalidOtpRequestException(String message, String deadLetterReason) {
        super(message);
        this.deadLetterReason = deadLetterReason;
    }

    static InvalidOtpRequestException malformed(String message) {
        return new InvalidOtpRequestException(message, "malformed");
    }

    /** No valid signature of the gateway or of the record's own app: nobody we trust wrote it. */
    static InvalidOtpRequestException unauthenticated() {
        return new InvalidOtpRequestException("record not signed by the gateway or by its producer app", "unauthenticated");
    }

    static InvalidOtpRequestException unsupportedVersion(int version) {
        return new InvalidOtpRequestException("unsupported message version " + version, "unsupported_version");
    }

    /** The {@code otp.dead.letters} reason: {@code unauthenticated}, {@code malformed} or {@code unsupported_version}. */
    String deadLetterReason() {
        return deadLetterReason;
    }
}
