package dev.voiceotp.worker.plivo;

import java.io.IOException;

/**
 * A call's request was about to leave but needed a fresh pacing slot ({@link CallSlot}) and none came within the
 * pacing's max wait: the request was not sent. An {@link IOException} because it is thrown inside the HTTP client,
 * where the SDK passes only those through; {@link PlivoOperation} reports it as
 * {@link PlivoUnavailableException.Reason#NO_CALL_SLOT} (retried later), not as a request to Plivo.
 */
final class NoCallSlotException extends IOException {

    NoCallSlotException(String message, Throwable cause) {
        super(message, cause);
    }

    NoCallSlotException(String message) {
        super(message);
    }
}
