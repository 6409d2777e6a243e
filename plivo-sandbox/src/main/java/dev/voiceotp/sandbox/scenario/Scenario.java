package dev.voiceotp.sandbox.scenario;

import java.util.List;
import java.util.Objects;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * One rule as a test posts it (the JSON of {@code POST /sandbox/scenarios}). Absent fields mean "as a real callee
 * would": accept at once, answer, press nothing. Unknown fields are refused, so a misspelt field cannot silently
 * turn a failure test into a happy path.
 *
 * @param number only calls to this E.164 number; absent = any number
 * @param count the next N matching API requests (the SDK's fallback retries are requests too); absent = until cleared
 * @param apiDelayMs delay before the API answers, whatever it answers
 * @param digits DTMF pressed at each successive {@code <GetDigits>}: digits, {@code *}, {@code #}, and
 *        {@code {code}} for the last 4-10 digit code heard in the call; an empty entry presses nothing there
 */
public record Scenario(
        @Pattern(regexp = "\\+[1-9]\\d{2,14}", message = "must be an E.164 number such as +14155550100")
        @Nullable String number,
        @Positive @Nullable Integer count,
        ApiBehaviour api,
        @PositiveOrZero @Max(60_000) Long apiDelayMs,
        Outcome outcome,
        @Size(max = 20) List<@Pattern(regexp = "([0-9*#]|\\{code\\})*",
                message = "may hold only 0-9, *, # and {code}") String> digits) {

    /** What an unmatched call does: everything as a real person would. */
    public static final Scenario ANSWERED = new Scenario(null, null, ApiBehaviour.ACCEPT, 0L, Outcome.ANSWER, List.of());

    /** Jackson passes null for an absent field: absent means the default. */
    @SuppressWarnings("ConstantValue")
    public Scenario {
        api = Objects.requireNonNullElse(api, ApiBehaviour.ACCEPT);
        apiDelayMs = Objects.requireNonNullElse(apiDelayMs, 0L);
        outcome = Objects.requireNonNullElse(outcome, Outcome.ANSWER);
        digits = digits == null ? List.of() : List.copyOf(digits);
    }

    /**
     * Boot lets Jackson ignore unknown fields everywhere; a rule must not, so a misspelt field fails the request.
     * Jackson hands every field the record does not have to this method.
     */
    @JsonAnySetter
    void refuseUnknownField(String name, @Nullable Object value) {
        throw new IllegalArgumentException("unknown field '" + name + "'");
    }

    boolean matches(String to) {
        return number == null || number.equals(to);
    }
}
