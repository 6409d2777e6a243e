package dev.voiceotp.contract.event;

import dev.voiceotp.contract.check.CheckResult;

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

    /**
     * The reason a check with this result locked its verification.
     *
     * @throws IllegalArgumentException for a result that locks nothing
     */
    public static LockReason of(CheckResult result) {
        return switch (result) {
            case LOCKED -> MAX_ATTEMPTS;
            case BUDGET_EXHAUSTED -> NUMBER_FAILURE_BUDGET;
            default -> throw new IllegalArgumentException(result.tag() + " locks nothing");
        };
    }
}
