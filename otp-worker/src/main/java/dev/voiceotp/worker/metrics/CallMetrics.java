package dev.voiceotp.worker.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.VerificationRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The call meters of docs/metrics.md: calls placed, answered and ended, time to place and to answer, and
 * retries. Labels come from closed sets: configured app ids, ISO regions, and {@link CallLabels}.
 */
@Component
public class CallMetrics {

    /** Every value of {@code otp.call.retries{reason}}, registered up front so dashboards show zeroes. */
    public static final List<String> RETRY_REASONS =
            List.of("rate_limited", "server_error", "timeout", "unreachable", "no_call_slot", "redial_busy", "redial_no_answer");
    /**
     * A request may wait for its call up to its code's lifetime (10 minutes at most) and its retries: beyond a
     * timer's default histogram range (30 s), where every slower call would fall into one bucket.
     */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    private final MeterRegistry meters;
    private final Clock clock;

    CallMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        RETRY_REASONS.forEach(this::retryCounter);
    }

    /** Plivo accepted a call (or a PHLO run); {@code method} is {@code call} or {@code phlo}. */
    public void placed(VerificationRef verification, String method) {
        Counter.builder("otp.calls.placed").description("Calls (or PHLO runs) Plivo accepted")
                .tag("app", verification.appId()).tag("country", verification.countryLabel()).tag("method", method)
                .register(meters).increment();
    }

    /** From the gateway's {@code requestedAt} to Plivo accepting the first call of a verification. */
    public void timeToPlace(String method, Instant requestedAt) {
        Timer.builder("otp.call.time.to.place").description("From the request to Plivo accepting the call")
                .tag("method", method).publishPercentileHistogram().maximumExpectedValue(LONGEST_WAIT).register(meters)
                .record(since(requestedAt));
    }

    /** A person answered (machine answers count only in {@link #ended}). */
    public void answered(VerificationRef verification, @Nullable Instant requestedAt) {
        Counter.builder("otp.calls.answered").description("Calls answered by a person")
                .tag("app", verification.appId()).tag("country", verification.countryLabel())
                .register(meters).increment();
        if (requestedAt != null) {
            Timer.builder("otp.call.time.to.answer").description("From the request to the answer webhook")
                    .publishPercentileHistogram().maximumExpectedValue(LONGEST_WAIT).register(meters).record(since(requestedAt));
        }
    }

    /** A call's final outcome, with Plivo's status and hangup cause reduced to {@link CallLabels}. */
    public void ended(VerificationRef verification, String callStatus, @Nullable String hangupCause) {
        String status = CallLabels.status(callStatus);
        String cause = "refused".equals(status) ? "refused" : "machine".equals(status) ? "machine_detected" : CallLabels.cause(hangupCause);
        Counter.builder("otp.calls.ended").description("Every call's final outcome")
                .tag("app", verification.appId()).tag("country", verification.countryLabel())
                .tag("status", status).tag("cause", cause)
                .register(meters).increment();
    }

    /** A call attempt was scheduled again; {@code reason} is one of {@link #RETRY_REASONS}. */
    public void retried(String reason) {
        retryCounter(reason).increment();
    }

    private Counter retryCounter(String reason) {
        return Counter.builder("otp.call.retries").description("Call attempts scheduled again").tag("reason", reason).register(meters);
    }

    private Duration since(Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}
