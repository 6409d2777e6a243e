package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.plivo.api.models.call.Call;

import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStatus;

/** {@code time_limit} caps what a call costs: Plivo cuts it off wherever it is. */
class TimeLimitTest extends SdkTestSupport {

    @Test
    void shouldHangUpACallThatTalksLongerThanItsTimeLimit() throws Exception {
        // ten waits of 200 ms each (max-pause) would take two seconds: the one-second limit ends the call first
        application.reply("/limited/answer", 200, "<Response><Speak>Hello.</Speak>" + "<Wait length=\"5\"/>".repeat(10)
                + "<Speak>Never heard.</Speak></Response>");

        Call.creator(CALLER, List.of("14155550161"), application.url("/limited/answer"))
                .hangupUrl(application.url("/limited/hangup"))
                .timeLimit(1L)
                .client(sdk())
                .create();

        CallSnapshot call = awaitFinished("+14155550161");
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.hangupCause()).isEqualTo("Time Limit Reached");
        assertThat(call.spokenText()).isEqualTo("Hello.");
        assertThat(Duration.between(call.answeredAt(), call.endedAt()))
                .isBetween(Duration.ofMillis(950), Duration.ofMillis(1500));
        assertThat(call.events()).extracting(CallEvent::type).contains(CallEvent.Type.TIME_LIMIT);
        assertThat(only("/limited/hangup", call).parameters()).containsEntry("HangupCause", "Time Limit Reached")
                .containsEntry("CallStatus", "completed").containsEntry("Duration", "1");
    }
}
