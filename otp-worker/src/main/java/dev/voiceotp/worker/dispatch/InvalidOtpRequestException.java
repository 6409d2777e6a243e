package dev.voiceotp.worker.dispatch;

/** A request that no retry can make valid (unknown version or app, bad number): it goes straight to the dead-letter topic. */
class InvalidOtpRequestException extends RuntimeException {

    InvalidOtpRequestException(String message) {
        super(message);
    }
}
