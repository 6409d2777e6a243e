package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** The parameters Plivo sends to each callback URL, named and formatted as Plivo does. */
final class CallbackParameters {

    /** Plivo's timestamp format; the sandbox reports UTC. */
    private static final DateTimeFormatter PLIVO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private CallbackParameters() {
    }

    static Map<String, String> ring(CallRecord call) {
        return common(call, "ringing", "Ring");
    }

    static Map<String, String> answer(CallRecord call) {
        return withMachine(call, common(call, "in-progress", "StartApp"));
    }

    static Map<String, String> machineDetection(CallRecord call) {
        Map<String, String> parameters = common(call, "in-progress", "MachineDetection");
        parameters.put("Machine", "true");
        return parameters;
    }

    /** A GetDigits action: the call parameters plus {@code Digits}, without the finish key. */
    static Map<String, String> digits(CallRecord call, String digits) {
        Map<String, String> parameters = common(call, "in-progress", "GetDigits");
        parameters.put("Digits", digits);
        return parameters;
    }

    static Map<String, String> redirect(CallRecord call) {
        return common(call, "in-progress", "Redirect");
    }

    static Map<String, String> hangup(CallRecord call, HangupCause cause) {
        Map<String, String> parameters = withMachine(call, common(call, cause.callStatus(), "Hangup"));
        Instant answeredAt = call.answeredAt();
        Instant endedAt = Objects.requireNonNull(call.endedAt(), "the call has not ended");
        long seconds = answeredAt == null ? 0
                : Math.min(billedSeconds(answeredAt, endedAt), call.request().timeLimit().toSeconds());
        parameters.put("HangupCause", cause.cause());
        parameters.put("HangupCauseName", cause.name());
        parameters.put("HangupCauseCode", Integer.toString(cause.code()));
        parameters.put("HangupSource", cause.source());
        parameters.put("Duration", Long.toString(seconds));
        parameters.put("BillDuration", Long.toString(seconds));
        parameters.put("StartTime", format(call.queuedUntil()));
        parameters.put("AnswerTime", format(answeredAt));
        parameters.put("EndTime", format(endedAt));
        return parameters;
    }

    private static Map<String, String> common(CallRecord call, String callStatus, String event) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("CallUUID", call.callUuid());
        parameters.put("From", PhoneFormat.plivo(call.request().from()));
        parameters.put("To", PhoneFormat.plivo(call.request().to()));
        parameters.put("CallStatus", callStatus);
        parameters.put("Direction", "outbound");
        parameters.put("ALegUUID", call.callUuid());
        parameters.put("ALegRequestUUID", call.requestUuid());
        parameters.put("RequestUUID", call.requestUuid());
        parameters.put("Event", event);
        return parameters;
    }

    /** {@code Machine} is sent only when machine detection was asked for. */
    private static Map<String, String> withMachine(CallRecord call, Map<String, String> parameters) {
        if (call.request().machineDetection().requested()) {
            parameters.put("Machine", Boolean.toString(call.machine()));
        }
        return parameters;
    }

    /**
     * Whole seconds, rounded up: an answered call lasts at least one second (and, above, never longer than its time
     * limit, which the simulation overshoots by the few milliseconds the hangup itself takes).
     */
    private static long billedSeconds(Instant answeredAt, Instant endedAt) {
        long millis = Math.max(0, Duration.between(answeredAt, endedAt).toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String format(@Nullable Instant instant) {
        return instant == null ? "" : PLIVO_TIME.format(instant);
    }
}
