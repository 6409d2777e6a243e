package dev.voiceotp.sandbox.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.voiceotp.sandbox.scenario.Outcome;

class CallRecordTest {

    @Test
    void shouldKeepABoundedHistoryHoweverLongACallRuns() {
        CallRecord call = Calls.to("long", "+14155550111");

        for (int i = 0; i < CallRecord.MAX_EVENTS * 2; i++) {
            call.event(CallEvent.Type.REDIRECT, "again");
            call.spoke("Still here, still listening to the same long prompt.");
        }

        assertThat(call.snapshot().events()).hasSize(CallRecord.MAX_EVENTS);
        assertThat(call.snapshot().spokenText()).hasSize(CallRecord.MAX_SPOKEN_CHARACTERS);
    }

    @Test
    void shouldHandOutTheScenarioDigitsOnePerGetDigitsButNoneToAMachine() {
        CallRecord person = Calls.answeredBy("person", "+14155550111", Outcome.ANSWER, List.of("1", "{code}"));
        CallRecord machine = Calls.answeredBy("machine", "+14155550112", Outcome.MACHINE, List.of("1"));
        person.answered(false);
        machine.answered(true);

        assertThat(person.nextDigitsEntry()).contains("1");
        assertThat(person.nextDigitsEntry()).contains("{code}");
        assertThat(person.nextDigitsEntry()).isEmpty();
        assertThat(machine.nextDigitsEntry()).isEmpty();
    }

    @Test
    void shouldEndWithTheStatusItsHangupReportedUnlessACallbackFailed() {
        CallRecord busy = Calls.to("busy", "+14155550111");
        CallRecord broken = Calls.to("broken", "+14155550112");

        busy.ended(HangupCause.USER_BUSY);
        busy.finish(HangupCause.USER_BUSY);
        broken.fail("hangup_url returned HTTP 500");
        broken.ended(HangupCause.NORMAL_CLEARING);
        broken.finish(HangupCause.NORMAL_CLEARING);

        assertThat(busy.snapshot().status()).isEqualTo(CallStatus.BUSY);
        assertThat(busy.snapshot().hangupCause()).isEqualTo("User Busy");
        assertThat(broken.snapshot().status()).isEqualTo(CallStatus.FAILED);
        assertThat(broken.snapshot().failureReason()).isEqualTo("hangup_url returned HTTP 500");
    }
}
