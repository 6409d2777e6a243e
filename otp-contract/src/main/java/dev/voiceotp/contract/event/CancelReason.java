package dev.voiceotp.contract.event;

/** Why a {@code canceled} event canceled its verification: the {@link OtpEvent#reason()} it carries. */
public enum CancelReason {

    /** The producer app canceled it. */
    CANCELED_BY_APP("canceled_by_app"),
    /** A resend after the cooldown replaced the pending verification with a new one. */
    REPLACED("replaced");

    private final String wireName;

    CancelReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
