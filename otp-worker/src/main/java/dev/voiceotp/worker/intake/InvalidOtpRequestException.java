package dev.voiceotp.worker.intake;

/** A request that no retry can make valid (unknown version or app, bad number): it goes straight to the dead-letter topic. */
class InvalidOtpRequestException extends RuntimeException {

    private final String deadLetterReason;

    private InvalidOtpRequestException(String message, String deadLetterReason) {
        super(message);
        this.deadLetterReason = deadLetterReason;
    }

    static InvalidOtpRequestException malformed(String message) {
        return new InvalidOtpRequestException(message, "malformed");
    }

    static InvalidOtpRequestException unsupportedVersion(int version) {
        return new InvalidOtpRequestException("unsupported message version " + version, "unsupported_version");
    }

    /** The {@code otp.dead.letters} reason: {@code malformed} or {@code unsupported_version}. */
    String deadLetterReason() {
        return deadLetterReason;
    }
}
