package dev.voiceotp.contract.check;

/**
 * What one check runs against, besides the code: the verification and the counters it may spend.
 *
 * @param appId the producer app asking; a verification of another app answers not found
 * @param verificationId the verification checked
 * @param phoneNumber E.164: approve only a verification issued for this number (a check by number); empty to check
 *     by id alone
 * @param failureBudget the per-number failure counter a wrong code spends
 * @param callerLimits the request limits counted before anything is read, as the script's header describes them;
 *     empty for none
 * @param numberLimit the per-number request limit, as the script's header describes it; empty for none
 */
public record CheckTarget(String appId, String verificationId, String phoneNumber, FailureBudget failureBudget,
        String callerLimits, String numberLimit) {

    /** A check by verification id, spending the shared failure budget, without request limits. */
    public static CheckTarget byId(String appId, String verificationId) {
        return new CheckTarget(appId, verificationId, "", FailureBudget.SHARED, "", "");
    }

    /** A check of the newest verification the app created for a number. */
    public static CheckTarget forNumber(String appId, String verificationId, String phoneNumber, FailureBudget failureBudget) {
        return new CheckTarget(appId, verificationId, phoneNumber, failureBudget, "", "");
    }

    /** The same check, counted against these request limits. */
    public CheckTarget withLimits(String callerLimits, String numberLimit) {
        return new CheckTarget(appId, verificationId, phoneNumber, failureBudget, callerLimits, numberLimit);
    }
}
