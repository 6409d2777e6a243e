package dev.voiceotp.worker.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns Plivo's call statuses and free-text hangup causes into the fixed label values of
 * {@code otp.calls.ended}, so that an unexpected cause adds no new time series.
 */
public final class CallLabels {

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private CallLabels() {
    }

    /** completed, busy, no_answer, machine, failed, canceled, timeout, refused or unknown. */
    public static String status(@Nullable String callStatus) {
        String status = callStatus == null ? "" : callStatus.toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (status) {
            case "completed", "busy", "no_answer", "machine", "failed", "timeout", "refused" -> status;
            case "cancel", "canceled", "cancelled" -> "canceled";
            default -> "unknown";
        };
    }

    /**
     * One of normal_hangup, user_busy, no_answer, machine_detected, call_rejected, unallocated_number, network_error,
     * time_limit, not_reported (the call's end never reached us), refused, other.
     */
    public static String cause(@Nullable String hangupCause) {
        String cause = hangupCause == null ? "" : NOT_ALPHANUMERIC.matcher(hangupCause.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        if (cause.contains("machine")) {
            return "machine_detected";
        } else if (cause.contains("busy")) {
            return "user_busy";
        } else if (cause.contains("no answer") || cause.contains("not answered") || cause.contains("no user response")) {
            return "no_answer";
        } else if (cause.contains("reject")) {
            return "call_rejected";
        } else if (cause.contains("unallocated") || cause.contains("invalid") || cause.contains("not exist")) {
            return "unallocated_number";
        } else if (cause.contains("time limit") || cause.contains("duration")) {
            return "time_limit";
        } else if (cause.contains("normal") || cause.contains("end of xml") || cause.contains("clearing")) {
            return "normal_hangup";
        } else if (cause.contains("network") || cause.contains("out of service") || cause.contains("unavailable")
                || cause.contains("congestion") || cause.contains("unreachable")) {
            return "network_error";
        } else if (cause.contains("not reported")) {
            return "not_reported";
        } else if (cause.equals("refused")) {
            return "refused";
        }
        return "other";
    }
}
