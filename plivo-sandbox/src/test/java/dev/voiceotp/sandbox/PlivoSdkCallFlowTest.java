package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.plivo.api.exceptions.AuthenticationException;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;

import dev.voiceotp.sandbox.CallbackRecorder.Received;
import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStatus;

/** Places calls exactly as the worker will: the real plivo-java SDK, pointed at the sandbox by an interceptor. */
class PlivoSdkCallFlowTest extends SdkTestSupport {

    private static final String ANSWER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response>
              <Speak voice="Polly.Amy" language="en-GB" loop="2"><prosody rate="slow">Your verification code is \
            <break time="500ms"/><say-as interpret-as="spell-out">042917</say-as>.</prosody></Speak>
            </Response>
            """;

    @BeforeAll
    static void answers() {
        application.reply("/answer", 200, ANSWER_XML);
        application.reply("/broken-answer", 500, "");
    }

    @Test
    void shouldRunAPlacedCallThroughSignedAnswerAndHangupCallbacks() throws Exception {
        CallCreateResponse created = Call.creator(CALLER, List.of("14155550111"), application.url("/answer"))
                .answerMethod("POST")
                .hangupUrl(application.url("/hangup"))
                .hangupMethod("POST")
                .machineDetection("true")
                .client(sdk())
                .create();

        CallSnapshot call = awaitFinished("+14155550111");
        assertThat(created.getRequestUuid()).isNotBlank().isEqualTo(call.requestUuid());
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.hangupCause()).isEqualTo("NORMAL_CLEARING");
        assertThat(call.machine()).isFalse();
        assertThat(call.spokenText()).isEqualTo("Your verification code is 042917. Your verification code is 042917.");
        assertThat(call.from()).isEqualTo("+14155550100");
        assertThat(call.digitsPressed()).isEmpty();
        assertThat(call.queuedUntil()).isAfterOrEqualTo(call.apiRequestedAt());
        assertThat(call.events()).extracting(CallEvent::type).containsSubsequence(CallEvent.Type.API_REQUEST,
                CallEvent.Type.RINGING, CallEvent.Type.ANSWERED, CallEvent.Type.ANSWER_URL, CallEvent.Type.SPEAK,
                CallEvent.Type.HANGUP, CallEvent.Type.CALLBACK);

        Received answer = only("/answer", call);
        assertThat(answer.method()).isEqualTo("POST");
        assertThat(answer.signedWith(AUTH_TOKEN)).isTrue();
        assertThat(answer.headersAgree()).isTrue();
        assertThat(answer.parameters()).containsEntry("CallUUID", call.callUuid())
                .containsEntry("RequestUUID", call.requestUuid())
                .containsEntry("ALegUUID", call.callUuid())
                .containsEntry("ALegRequestUUID", call.requestUuid())
                .containsEntry("From", "14155550100")
                .containsEntry("To", "14155550111")
                .containsEntry("CallStatus", "in-progress")
                .containsEntry("Direction", "outbound")
                .containsEntry("Event", "StartApp")
                .containsEntry("Machine", "false");

        Received hangup = only("/hangup", call);
        assertThat(hangup.signedWith(AUTH_TOKEN)).isTrue();
        assertThat(hangup.nonce()).isNotEqualTo(answer.nonce());
        assertThat(hangup.parameters()).containsEntry("CallUUID", call.callUuid())
                .containsEntry("To", "14155550111")
                .containsEntry("CallStatus", "completed")
                .containsEntry("HangupCause", "NORMAL_CLEARING")
                .containsEntry("HangupCauseName", "Normal Hangup")
                .containsEntry("HangupCauseCode", "4000")
                .containsEntry("HangupSource", "Callee")
                .containsEntry("Machine", "false")
                .hasEntrySatisfying("Duration", seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2))
                .hasEntrySatisfying("StartTime", time -> assertThat(time).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .hasEntrySatisfying("AnswerTime", time -> assertThat(time).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .hasEntrySatisfying("EndTime", time -> assertThat(time).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
    }

    @Test
    void shouldTryAnAnswerUrlThatFailsAgainAsPlivoDoes() throws Exception {
        // the first two answer requests reach a dying instance (500); Plivo's retries reach a healthy one
        application.reply("/flaky-answer", 200, ANSWER_XML);
        application.failFirst("/flaky-answer", 2);
        Call.creator(CALLER, List.of("14155550194"), application.url("/flaky-answer")).client(sdk()).create();

        CallSnapshot call = awaitFinished("+14155550194");
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.spokenText()).isNotNull();
        assertThat(application.receivedOn("/flaky-answer")).hasSize(3).allSatisfy(request -> assertThat(request.signedWith(AUTH_TOKEN)).isTrue());
        assertThat(call.events()).extracting(CallEvent::type).containsSubsequence(CallEvent.Type.CALLBACK_FAILED,
                CallEvent.Type.CALLBACK_FAILED, CallEvent.Type.ANSWER_URL, CallEvent.Type.SPEAK);
    }

    @Test
    void shouldFailTheCallButStillHangUpWhenTheAnswerUrlErrs() throws Exception {
        Call.creator(CALLER, List.of("14155550113"), application.url("/broken-answer"))
                .hangupUrl(application.url("/hangup-after-error"))
                .hangupMethod("GET")
                .client(sdk())
                .create();

        CallSnapshot call = awaitFinished("+14155550113");
        assertThat(call.status()).isEqualTo(CallStatus.FAILED);
        assertThat(call.failureReason()).isEqualTo("answer_url returned HTTP 500");
        assertThat(call.spokenText()).isNull();
        assertThat(call.events()).extracting(CallEvent::type).containsSubsequence(CallEvent.Type.ANSWERED,
                CallEvent.Type.CALLBACK_FAILED, CallEvent.Type.FAILED, CallEvent.Type.HANGUP, CallEvent.Type.CALLBACK);
        Received hangup = only("/hangup-after-error", call);
        assertThat(hangup.method()).isEqualTo("GET");
        assertThat(hangup.signedWith(AUTH_TOKEN)).isTrue();
        assertThat(hangup.parameters()).containsEntry("CallStatus", "completed").containsEntry("HangupSource", "Plivo");
    }

    @Test
    void shouldRefuseWrongCredentialsWithTheSdksAuthenticationException() {
        assertThatThrownBy(() -> Call.creator(CALLER, List.of("14155550114"), application.url("/answer"))
                .client(sdk("not-the-token"))
                .create())
                .isInstanceOf(AuthenticationException.class);

        assertThat(calls("+14155550114")).isEmpty();
    }
}
