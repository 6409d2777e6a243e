package dev.voiceotp.sandbox.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.sandbox.callback.SignedCallback;
import dev.voiceotp.sandbox.scenario.Outcome;

/**
 * The life of one simulated call: its request, what the scenario made the callee do, its status and an event
 * history. Written by the call's own virtual thread and read by the inspection API, so every access holds the
 * record's lock; {@link #snapshot()} hands out a consistent copy. Events and spoken text are bounded, so an
 * application that redirects a call in circles cannot grow it without limit.
 * <p>
 * The status turns final only when the call is over and its hangup URL has been told, so whoever waits for a final
 * status knows the application has handled the whole call.
 */
public final class CallRecord {

    static final int MAX_EVENTS = 500;
    static final int MAX_SPOKEN_CHARACTERS = 20_000;

    private final String requestUuid;
    private final String callUuid;
    private final CallRequest request;
    private final Outcome outcome;
    private final List<String> scriptedDigits;
    private final Clock clock;
    private final Instant apiRequestedAt;
    private final Instant queuedUntil;
    private final List<CallEvent> events = new ArrayList<>();
    private final List<String> digitsPressed = new ArrayList<>();
    private final boolean byHand;
    private final BlockingQueue<String> typedKeys = new LinkedBlockingQueue<>();
    private CallStatus status = CallStatus.QUEUED;
    private int digitsEntriesUsed;
    private boolean machine;
    private @Nullable String spokenText;
    private @Nullable String failureReason;
    private @Nullable String hangupCause;
    private @Nullable Instant answeredAt;
    private @Nullable Instant endedAt;
    private @Nullable SignedCallback lastCallback;

    CallRecord(String requestUuid, String callUuid, CallRequest request, Outcome outcome, List<String> scriptedDigits,
            Clock clock, Instant apiRequestedAt, Instant queuedUntil, boolean byHand) {
        this.byHand = byHand;
        this.requestUuid = requestUuid;
        this.callUuid = callUuid;
        this.request = request;
        this.outcome = outcome;
        this.scriptedDigits = List.copyOf(scriptedDigits);
        this.clock = clock;
        this.apiRequestedAt = apiRequestedAt;
        this.queuedUntil = queuedUntil;
        events.add(new CallEvent(apiRequestedAt, CallEvent.Type.API_REQUEST, "call fired, callee will " + outcome.wireName()));
        if (queuedUntil.isAfter(apiRequestedAt)) {
            events.add(new CallEvent(apiRequestedAt, CallEvent.Type.QUEUED, "above the account's calls per second: starts "
                    + Duration.between(apiRequestedAt, queuedUntil).toMillis() + " ms later"));
        }
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

    Outcome outcome() {
        return outcome;
    }

    public Instant queuedUntil() {
        return queuedUntil;
    }

    synchronized @Nullable Instant answeredAt() {
        return answeredAt;
    }

    synchronized @Nullable Instant endedAt() {
        return endedAt;
    }

    synchronized boolean machine() {
        return machine;
    }

    synchronized @Nullable String spokenText() {
        return spokenText;
    }

    public synchronized Optional<SignedCallback> lastCallback() {
        return Optional.ofNullable(lastCallback);
    }

    synchronized void lastCallback(SignedCallback callback) {
        lastCallback = callback;
    }

    synchronized void ringing() {
        status = CallStatus.RINGING;
        event(CallEvent.Type.RINGING, "ringing");
    }

    synchronized void answered(boolean byMachine) {
        answeredAt = clock.instant();
        machine = byMachine;
        status = CallStatus.IN_PROGRESS;
        event(CallEvent.Type.ANSWERED, byMachine ? "answered by a machine" : "answered by a person");
    }

    /** How long the call may still last, once answered; empty before it is. */
    synchronized Optional<Duration> timeLeft() {
        return answeredAt == null ? Optional.empty()
                : Optional.of(Duration.between(clock.instant(), answeredAt.plus(request.timeLimit())));
    }

    synchronized void spoke(String text) {
        if (text.isEmpty()) {
            return;
        }
        String heard = spokenText == null ? text : spokenText + " " + text;
        spokenText = heard.length() > MAX_SPOKEN_CHARACTERS ? heard.substring(0, MAX_SPOKEN_CHARACTERS) : heard;
    }

    /** Whether a person answers this call's keypad prompts on the phone page ({@link ByHandNumbers}). */
    boolean byHand() {
        return byHand;
    }

    /** Keys typed on the phone page, for the keypad prompt the call waits at (or the next one). */
    public void type(String keys) {
        typedKeys.offer(keys);
    }

    /** Keys typed on the phone page within {@code wait}, if any. */
    Optional<String> awaitKeys(Duration wait) throws InterruptedException {
        return Optional.ofNullable(typedKeys.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The scenario's entry for the next GetDigits, raw ({@code {code}} unresolved); a machine never presses keys. */
    synchronized Optional<String> nextDigitsEntry() {
        if (machine || digitsEntriesUsed >= scriptedDigits.size()) {
            return Optional.empty();
        }
        return Optional.of(scriptedDigits.get(digitsEntriesUsed++));
    }

    synchronized void pressed(String digits) {
        if (digitsPressed.size() < MAX_EVENTS) {
            digitsPressed.add(digits);
        }
    }

    synchronized void ended(HangupCause cause) {
        endedAt = clock.instant();
        hangupCause = cause.cause();
        event(CallEvent.Type.HANGUP, cause.cause() + " (" + cause.code() + ") by " + cause.source());
    }

    /**
     * Records why the call failed; the status follows at {@link #finish}. The first failure names the call's
     * failure, later ones only join the history.
     */
    synchronized void fail(String reason) {
        if (failureReason == null) {
            failureReason = reason;
        }
        event(CallEvent.Type.FAILED, reason);
    }

    /** The call is over: failed if anything went wrong on the way, else the status its hangup reported. */
    synchronized void finish(HangupCause cause) {
        status = failureReason != null ? CallStatus.FAILED : CallStatus.ofHangup(cause.callStatus());
    }

    /** The sandbox stopped mid-call: no hangup callback can follow. */
    synchronized void abandon(String reason) {
        fail(reason);
        status = CallStatus.FAILED;
    }

    synchronized void event(CallEvent.Type type, String detail) {
        if (events.size() < MAX_EVENTS) {
            events.add(new CallEvent(clock.instant(), type, detail));
        }
    }

    public synchronized CallSnapshot snapshot() {
        return new CallSnapshot(requestUuid, callUuid, request.from(), request.to(), status, hangupCause, machine,
                spokenText, List.copyOf(digitsPressed), apiRequestedAt, queuedUntil, List.copyOf(events),
                request.answerUrl() == null ? null : request.answerUrl().url(),
                request.hangupUrl() == null ? null : request.hangupUrl().url(),
                apiRequestedAt, failureReason, answeredAt, endedAt, HeardCode.lastIn(spokenText).orElse(null));
    }
}
