package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.AuthenticationException;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;

import dev.voiceotp.sandbox.CallbackRecorder.Received;
import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStatus;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Places calls exactly as the worker will: the real plivo-java SDK, pointed at the sandbox by an interceptor. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class PlivoSdkCallFlowTest {

    private static final String AUTH_ID = "MAVOICEOTPSANDBOX001";
    private static final String AUTH_TOKEN = "sandbox-auth-token";
    private static final String ANSWER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response>
              <Speak voice="Polly.Amy" language="en-GB" loop="2"><prosody rate="slow">Your verification code is \
            <break time="500ms"/><say-as interpret-as="spell-out">042917</say-as>.</prosody></Speak>
            </Response>
            """;

    private static CallbackRecorder application;

    @LocalServerPort
    int port;

    @Autowired
    RestTestClient http;

    @BeforeAll
    static void startApplication() throws Exception {
        application = CallbackRecorder.start(AUTH_TOKEN);
        application.reply("/answer", 200, ANSWER_XML);
        application.reply("/broken-answer", 500, "");
    }

    @AfterAll
    static void stopApplication() {
        application.close();
    }

    @Test
    void shouldRunAPlacedCallThroughSignedAnswerAndHangupCallbacks() throws Exception {
        CallCreateResponse created = Call.creator("14155550100", List.of("14155550111"), application.url("/answer"))
                .answerMethod("POST")
                .hangupUrl(application.url("/hangup"))
                .hangupMethod("POST")
                .client(sdkClient(AUTH_TOKEN))
                .create();

        CallSnapshot call = awaitFinished("+14155550111");
        assertThat(created.getRequestUuid()).isNotBlank().isEqualTo(call.requestUuid());
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.spokenText()).isEqualTo("Your verification code is 042917. Your verification code is 042917.");
        assertThat(call.from()).isEqualTo("+14155550100");
        assertThat(call.events()).extracting(CallEvent::type).containsExactly(CallEvent.Type.QUEUED,
                CallEvent.Type.RINGING, CallEvent.Type.ANSWERED, CallEvent.Type.ANSWER_URL, CallEvent.Type.HANGUP,
                CallEvent.Type.HANGUP_URL, CallEvent.Type.COMPLETED);

        Received answer = only(application.receivedOn("/answer"), call);
        assertThat(answer.method()).isEqualTo("POST");
        assertThat(answer.signatureValid()).isTrue();
        assertThat(answer.parameters()).containsEntry("CallUUID", call.callUuid())
                .containsEntry("RequestUUID", call.requestUuid())
                .containsEntry("ALegUUID", call.callUuid())
                .containsEntry("ALegRequestUUID", call.requestUuid())
                .containsEntry("From", "14155550100")
                .containsEntry("To", "14155550111")
                .containsEntry("CallStatus", "in-progress")
                .containsEntry("Direction", "outbound")
                .containsEntry("Event", "StartApp");

        Received hangup = only(application.receivedOn("/hangup"), call);
        assertThat(hangup.signatureValid()).isTrue();
        assertThat(hangup.parameters()).containsEntry("CallUUID", call.callUuid())
                .containsEntry("To", "14155550111")
                .containsEntry("CallStatus", "completed")
                .containsEntry("HangupCause", "NORMAL_CLEARING")
                .containsEntry("HangupCauseName", "Normal Hangup")
                .containsEntry("HangupCauseCode", "4000")
                .containsEntry("HangupSource", "Callee")
                .containsEntry("Duration", "1")
                .containsEntry("BillDuration", "1")
                .hasEntrySatisfying("StartTime", time -> assertThat(time).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .hasEntrySatisfying("AnswerTime", time -> assertThat(time).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .hasEntrySatisfying("EndTime", time -> assertThat(time).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
    }

    @Test
    void shouldFailTheCallButStillHangUpWhenTheAnswerUrlErrs() throws Exception {
        Call.creator("14155550100", List.of("14155550113"), application.url("/broken-answer"))
                .hangupUrl(application.url("/hangup-after-error"))
                .hangupMethod("GET")
                .client(sdkClient(AUTH_TOKEN))
                .create();

        CallSnapshot call = awaitFinished("+14155550113");
        assertThat(call.status()).isEqualTo(CallStatus.FAILED);
        assertThat(call.failureReason()).isEqualTo("answer_url returned HTTP 500");
        assertThat(call.spokenText()).isNull();
        assertThat(call.events()).extracting(CallEvent::type).containsExactly(CallEvent.Type.QUEUED,
                CallEvent.Type.RINGING, CallEvent.Type.ANSWERED, CallEvent.Type.ANSWER_URL, CallEvent.Type.FAILED,
                CallEvent.Type.HANGUP, CallEvent.Type.HANGUP_URL);
        Received hangup = only(application.receivedOn("/hangup-after-error"), call);
        assertThat(hangup.method()).isEqualTo("GET");
        assertThat(hangup.signatureValid()).isTrue();
        assertThat(hangup.parameters()).containsEntry("CallStatus", "completed").containsEntry("HangupSource", "Plivo");
    }

    @Test
    void shouldRefuseWrongCredentialsWithTheSdksAuthenticationException() {
        assertThatThrownBy(() -> Call.creator("14155550100", List.of("14155550114"), application.url("/answer"))
                .client(sdkClient("not-the-token"))
                .create())
                .isInstanceOf(AuthenticationException.class);

        assertThat(calls("+14155550114")).isEmpty();
    }

    private CallSnapshot awaitFinished(String to) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> calls(to), calls -> calls.size() == 1 && calls.getFirst().status().isFinal())
                .getFirst();
    }

    private List<CallSnapshot> calls(String to) {
        return List.of(http.get().uri(builder -> builder.path("/sandbox/calls").queryParam("to", to).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody(CallSnapshot[].class)
                .returnResult()
                .getResponseBody());
    }

    private static Received only(List<Received> received, CallSnapshot call) {
        List<Received> forCall = received.stream()
                .filter(request -> call.callUuid().equals(request.parameters().get("CallUUID")))
                .toList();
        assertThat(forCall).hasSize(1);
        return forCall.getFirst();
    }

    /** The SDK's voice clients ignore a base URL, so every request is rewritten to the sandbox (plivo-contract.md §2). */
    private PlivoClient sdkClient(String authToken) {
        OkHttpClient.Builder toSandbox = new OkHttpClient.Builder().addInterceptor(chain -> {
            HttpUrl sandbox = chain.request().url().newBuilder().scheme("http").host("localhost").port(port).build();
            return chain.proceed(chain.request().newBuilder().url(sandbox).build());
        });
        return new PlivoClient(AUTH_ID, authToken, toSandbox);
    }
}
