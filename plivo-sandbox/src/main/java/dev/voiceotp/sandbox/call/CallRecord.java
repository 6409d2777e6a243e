package dev.voiceotp.sandbox.call;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The life of one simulated call: its request, its status and an event history. Written by the call's own virtual
 * thread and read by the inspection API, so every access holds the record's lock; {@link #snapshot()} hands out a
 * consistent copy.
 * <p>
 * The status turns final ({@code completed} or {@code failed}) only when the call is over and its hangup URL has been
 * told, so whoever waits for a final status knows the application has handled the whole call.
 */
public final class CallRecord {

    private final String requestUuid;
    private final String callUuid;
    private final CallRequest request;
    private final Clock clock;
    private final Instant createdAt;
    private final List<CallEvent> events = new ArrayList<>();
    private CallStatus status = CallStatus.QUEUED;
    private @Nullable String spokenText;
    private @Nullable String failureReason;
    private @Nullable Instant answeredAt;
    private @Nullable Instant endedAt;

    CallRecord(String requestUuid, String callUuid, CallRequest request, Clock clock) {
        this.requestUuid = requestUuid;
        this.callUuid = callUuid;
        this.request = request;
        this.clock = clock;
        this.createdAt = clock.instant();
        events.add(new CallEvent(createdAt, CallEvent.Type.QUEUED, "call fired"));
    }

    public String requestUuid() {
        return requestUuid;
    }

    public String callUuid() {
        return callUuid;
    }

    public CallRequest request() {
        return request;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized @Nullable Instant answeredAt() {
        return answeredAt;
    }

    public synchronized @Nullable Instant endedAt() {
        return endedAt;
    }

    synchronized void ringing() {
        status = CallStatus.RINGING;
        event(CallEvent.Type.RINGING, "ringing");
    }

    synchronized void answered() {
        answeredAt = clock.instant();
        status = CallStatus.IN_PROGRESS;
        event(CallEvent.Type.ANSWERED, "answered by a person");
    }

    synchronized void spoke(String text) {
        spokenText = text;
    }

    synchronized void ended(HangupCause cause) {
        endedAt = clock.instant();
        event(CallEvent.Type.HANGUP, cause.cause() + " (" + cause.code() + ") by " + cause.source());
    }

    /**
     * Records why the call failed; the status follows at {@link #finish()}. The first failure names the call's
     * failure, later ones only join the history.
     */
    synchronized void fail(String reason) {
        if (failureReason == null) {
            failureReason = reason;
        }
        event(CallEvent.Type.FAILED, reason);
    }

    /** The call is over: failed if anything went wrong on the way, completed otherwise. */
    synchronized void finish() {
        if (failureReason != null) {
            status = CallStatus.FAILED;
        } else {
            status = CallStatus.COMPLETED;
            event(CallEvent.Type.COMPLETED, "call completed");
        }
    }

    synchronized void event(CallEvent.Type type, String detail) {
        events.add(new CallEvent(clock.instant(), type, detail));
    }

    public synchronized CallSnapshot snapshot() {
        return new CallSnapshot(requestUuid, callUuid, request.from(), request.to(), request.answerUrl(), status,
                spokenText, createdAt, request.hangupUrl(), failureReason, answeredAt, endedAt, List.copyOf(events));
    }
}
