package dev.voiceotp.contract.event;

/** Why a {@code locked} event locked its verification: the {@link OtpEvent#reason()} it carries. */
public enum LockReason {

    /** Too many wrong codes for the verification. */
    MAX_ATTEMPTS("max_attempts"),
    /** The number's failure budget (wrong codes over all its verifications) ran out. */
    NUMBER_FAILURE_BUDGET("number_failure_budget");

    private final String wireName;

    LockReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
