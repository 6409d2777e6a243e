package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreator;

import dev.voiceotp.sandbox.CallbackRecorder.Received;
import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStatus;

/** What the callee does, as a scenario rule tells it, seen through the SDK and the application's callbacks. */
class ScenarioOutcomeTest extends SdkTestSupport {

    @BeforeAll
    static void answers() {
        application.reply("/outcome/answer", 200, """
                <Response>
                  <Speak>Your code is <say-as interpret-as="spell-out">318274</say-as>.</Speak>
                  <GetDigits action="/outcome/digits" numDigits="1" timeout="1"><Speak>Press 1 to hear it again.</Speak></GetDigits>
                </Response>""");
    }

    @Test
    void shouldReportABusyLineWithoutEverRequestingTheAnswerUrl() throws Exception {
        scenario("""
                {"number": "+14155550121", "outcome": "busy"}""");

        place("14155550121", "true");

        CallSnapshot call = awaitFinished("+14155550121");
        assertThat(call.status()).isEqualTo(CallStatus.BUSY);
        assertThat(call.hangupCause()).isEqualTo("User Busy");
        assertThat(call.spokenText()).isNull();
        assertThat(application.receivedOn("/outcome/answer", call.callUuid())).isEmpty();
        Received hangup = only("/outcome/hangup", call);
        assertThat(hangup.signedWith(AUTH_TOKEN)).isTrue();
        assertThat(hangup.parameters()).containsEntry("CallStatus", "busy").containsEntry("HangupCause", "User Busy")
                .containsEntry("HangupCauseName", "User Busy").containsEntry("Duration", "0")
                .containsEntry("AnswerTime", "");
    }

    @Test
    void shouldRingForTheRingTimeoutCappedAndEndUnanswered() throws Exception {
        scenario("""
                {"number": "+14155550122", "outcome": "no_answer"}""");

        Call.creator(CALLER, List.of("14155550122"), application.url("/outcome/answer"))
                .ringUrl(application.url("/outcome/ring"))
                .ringTimeout(30L)
                .hangupUrl(application.url("/outcome/hangup"))
                .client(sdk())
                .create();

        CallSnapshot call = awaitFinished("+14155550122");
        assertThat(call.status()).isEqualTo(CallStatus.NO_ANSWER);
        assertThat(call.hangupCause()).isEqualTo("No Answer");
        assertThat(ringingTime(call)).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
        assertThat(only("/outcome/ring", call).parameters()).containsEntry("CallStatus", "ringing");
        assertThat(application.receivedOn("/outcome/answer", call.callUuid())).isEmpty();
        assertThat(only("/outcome/hangup", call).parameters()).containsEntry("CallStatus", "no-answer")
                .containsEntry("HangupCause", "No Answer");
    }

    @Test
    void shouldFailACallTheNetworkCannotConnect() throws Exception {
        scenario("""
                {"number": "+14155550123", "outcome": "failed"}""");

        place("14155550123", null);

        CallSnapshot call = awaitFinished("+14155550123");
        assertThat(call.status()).isEqualTo(CallStatus.FAILED);
        assertThat(call.answeredAt()).isNull();
        assertThat(only("/outcome/hangup", call).parameters()).containsEntry("CallStatus", "failed")
                .containsEntry("HangupCause", "Destination Out Of Service");
    }

    @Test
    void shouldHangUpOnAMachineBeforeTheAnswerUrlWhenDetectionSaysHangup() throws Exception {
        scenario("""
                {"number": "+14155550124", "outcome": "machine"}""");

        place("14155550124", "hangup");

        CallSnapshot call = awaitFinished("+14155550124");
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.machine()).isTrue();
        assertThat(call.hangupCause()).isEqualTo("Machine Detected");
        assertThat(call.spokenText()).isNull();
        assertThat(call.events()).extracting(CallEvent::type).contains(CallEvent.Type.MACHINE_DETECTED);
        assertThat(application.receivedOn("/outcome/answer", call.callUuid())).isEmpty();
        assertThat(only("/outcome/hangup", call).parameters()).containsEntry("CallStatus", "completed")
                .containsEntry("HangupCause", "Machine Detected").containsEntry("Machine", "true");
    }

    @Test
    void shouldTellTheAnswerAndDetectionUrlsOfAMachineAndNeverPressAKey() throws Exception {
        scenario("""
                {"number": "+14155550125", "outcome": "machine", "digits": ["1"]}""");

        Call.creator(CALLER, List.of("14155550125"), application.url("/outcome/answer"))
                .hangupUrl(application.url("/outcome/hangup"))
                .machineDetection("true")
                .machineDetectionTime(2000L)
                .machineDetectionUrl(application.url("/outcome/machine"))
                .client(sdk())
                .create();

        CallSnapshot call = awaitFinished("+14155550125");
        assertThat(call.machine()).isTrue();
        assertThat(call.digitsPressed()).isEmpty();
        assertThat(call.spokenText()).isEqualTo("Your code is 318274. Press 1 to hear it again.");
        assertThat(only("/outcome/answer", call).parameters()).containsEntry("Machine", "true");
        Received detection = only("/outcome/machine", call);
        assertThat(detection.signedWith(AUTH_TOKEN)).isTrue();
        assertThat(detection.parameters()).containsEntry("Event", "MachineDetection").containsEntry("Machine", "true")
                .containsEntry("CallStatus", "in-progress").containsEntry("RequestUUID", call.requestUuid());
        assertThat(application.receivedOn("/outcome/digits", call.callUuid())).isEmpty();
    }

    @Test
    void shouldUseACountedRuleForThatManyCallsOnly() throws Exception {
        scenario("""
                {"number": "+14155550126", "count": 1, "outcome": "busy"}""");

        place("14155550126", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls("+14155550126"),
                calls -> calls.size() == 1 && calls.getFirst().status().isFinal());
        place("14155550126", null);

        List<CallSnapshot> calls = await().atMost(Duration.ofSeconds(10)).until(() -> calls("+14155550126"),
                both -> both.size() == 2 && both.get(1).status().isFinal());
        assertThat(calls).extracting(CallSnapshot::status).containsExactly(CallStatus.BUSY, CallStatus.COMPLETED);
    }

    private void place(String to, @Nullable String machineDetection) throws Exception {
        CallCreator creator = Call.creator(CALLER, List.of(to), application.url("/outcome/answer"))
                .hangupUrl(application.url("/outcome/hangup"));
        if (machineDetection != null) {
            creator.machineDetection(machineDetection);
        }
        creator.client(sdk()).create();
    }

    private static Duration ringingTime(CallSnapshot call) {
        return Duration.between(at(call, CallEvent.Type.RINGING), at(call, CallEvent.Type.HANGUP));
    }

    private static Instant at(CallSnapshot call, CallEvent.Type type) {
        return call.events().stream().filter(event -> event.type() == type).findFirst().orElseThrow().at();
    }
}
