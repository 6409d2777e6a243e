package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** The parameters Plivo sends to the answer and hangup URLs, named and formatted as Plivo does. */
final class CallbackParameters {

    /** Plivo's timestamp format; the sandbox reports UTC. */
    private static final DateTimeFormatter PLIVO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private CallbackParameters() {
    }

    static Map<String, String> answer(CallRecord call) {
        Map<String, String> parameters = common(call, "in-progress", "StartApp");
        if (call.request().machineDetectionRequested()) {
            parameters.put("Machine", "false"); // a person answers every call, for now
        }
        return parameters;
    }

    static Map<String, String> hangup(CallRecord call, HangupCause cause) {
        Map<String, String> parameters = common(call, cause.callStatus(), "Hangup");
        Instant answeredAt = call.answeredAt();
        Instant endedAt = Objects.requireNonNull(call.endedAt(), "the call has not ended");
        long seconds = answeredAt == null ? 0 : billedSeconds(answeredAt, endedAt);
        parameters.put("HangupCause", cause.cause());
        parameters.put("HangupCauseName", cause.name());
        parameters.put("HangupCauseCode", Integer.toString(cause.code()));
        parameters.put("HangupSource", cause.source());
        parameters.put("Duration", Long.toString(seconds));
        parameters.put("BillDuration", Long.toString(seconds));
        parameters.put("StartTime", format(call.createdAt()));
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

    /** Whole seconds, rounded up: an answered call lasts at least one second. */
    private static long billedSeconds(Instant answeredAt, Instant endedAt) {
        long millis = Math.max(0, Duration.between(answeredAt, endedAt).toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String format(@Nullable Instant instant) {
        return instant == null ? "" : PLIVO_TIME.format(instant);
    }
}
