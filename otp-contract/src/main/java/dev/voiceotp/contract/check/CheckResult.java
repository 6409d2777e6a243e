package dev.voiceotp.contract.check;

/**
 * What one check came to. The values are the {@code result} tag of the {@code otp.checks} counter, so the set
 * must stay small and fixed.
 */
public enum CheckResult {
    APPROVED("approved"),
    WRONG_CODE("wrong_code"),
    /** Too many wrong codes: now, or before this check. */
    LOCKED("locked"),
    /** Unknown id, another app's id, or expired while pending: deliberately indistinguishable. */
    NOT_FOUND("not_found"),
    /** The verification was approved before: a code never approves twice. */
    ALREADY_USED("already_used"),
    /** The verification failed (for example the call was refused) or was canceled. */
    CLOSED("closed"),
    /** The submitted code does not have the configured shape; not counted as an attempt. */
    INVALID("invalid"),
    /**
     * Too many wrong codes for the phone number across all its verifications and apps in the current window: the
     * code was not compared and the verification is now locked.
     */
    BUDGET_EXHAUSTED("budget_exhausted"),
    /**
     * A request limit of the caller (its client address or app) or of the number is spent for the current window:
     * nothing was read, compared or counted as an attempt.
     */
    RATE_LIMITED("rate_limited");

    private final String tag;

    CheckResult(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    static CheckResult fromScript(String tag) {
        return switch (tag) {
            case "approved" -> APPROVED;
            case "wrong_code" -> WRONG_CODE;
            case "locked" -> LOCKED;
            case "not_found" -> NOT_FOUND;
            case "already_used" -> ALREADY_USED;
            case "closed" -> CLOSED;
            case "budget_exhausted" -> BUDGET_EXHAUSTED;
            case "rate_limited" -> RATE_LIMITED;
            default -> throw new IllegalStateException("the check script answered an unknown result: " + tag);
        };
    }
}
