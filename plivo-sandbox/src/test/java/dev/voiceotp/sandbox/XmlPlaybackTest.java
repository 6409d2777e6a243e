package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.plivo.api.models.call.Call;

import dev.voiceotp.sandbox.CallbackRecorder.Received;
import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStatus;

/** The answer XML played as Plivo plays it: GetDigits with scripted keys, fall-through, Redirect, Hangup. */
class XmlPlaybackTest extends SdkTestSupport {

    @BeforeAll
    static void answers() {
        application.reply("/xml/code", 200, """
                <Response>
                  <Speak>Your code is <say-as interpret-as="spell-out">482915</say-as>.</Speak>
                  <GetDigits action="/xml/repeat" numDigits="1" timeout="5"><Speak>Press 1 to hear it again.</Speak></GetDigits>
                  <Speak>Goodbye.</Speak>
                </Response>""");
        application.reply("/xml/repeat", 200, """
                <Response>
                  <Speak>Again: <say-as interpret-as="spell-out">482915</say-as>.</Speak>
                  <GetDigits action="/xml/confirm" method="POST" numDigits="6" finishOnKey="#">
                    <Speak>Now type the code you heard.</Speak>
                  </GetDigits>
                </Response>""");
        application.reply("/xml/confirm", 200, "<Response><Speak>Thank you, you are verified.</Speak></Response>");
        application.reply("/xml/redirecting", 200, """
                <Response><Speak>First.</Speak><Redirect method="POST">/xml/next</Redirect><Speak>Never heard.</Speak></Response>""");
        application.reply("/xml/next", 200, "<Response><Speak>Second.</Speak><Hangup/><Speak>Not heard either.</Speak></Response>");
    }

    @Test
    void shouldPressScriptedKeysAtSuccessiveGetDigitsAndTypeTheHeardCode() throws Exception {
        scenario("""
                {"number": "+14155550141", "digits": ["1", "{code}#"]}""");

        place("14155550141", "/xml/code");

        CallSnapshot call = awaitFinished("+14155550141");
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.digitsPressed()).containsExactly("1", "482915");
        assertThat(call.spokenText()).isEqualTo("Your code is 482915. Press 1 to hear it again. Again: 482915. "
                + "Now type the code you heard. Thank you, you are verified.");
        Received repeat = only("/xml/repeat", call);
        assertThat(repeat.signedWith(AUTH_TOKEN)).isTrue();
        assertThat(repeat.parameters()).containsEntry("Digits", "1").containsEntry("CallStatus", "in-progress");
        assertThat(only("/xml/confirm", call).parameters()).containsEntry("Digits", "482915");
        assertThat(call.events()).extracting(CallEvent::type).containsSubsequence(CallEvent.Type.GET_DIGITS,
                CallEvent.Type.DIGITS_SENT, CallEvent.Type.GET_DIGITS, CallEvent.Type.DIGITS_SENT);
        assertThat(call.events()).extracting(CallEvent::detail).noneMatch(detail -> detail.contains("482915"));
    }

    @Test
    void shouldFallThroughAfterTheRetriesWhenNothingIsPressed() throws Exception {
        application.reply("/xml/silent", 200, """
                <Response>
                  <GetDigits action="/xml/repeat" retries="2" timeout="5"><Speak>Press 1.</Speak></GetDigits>
                  <Speak>Goodbye.</Speak>
                </Response>""");

        place("14155550142", "/xml/silent");

        CallSnapshot call = awaitFinished("+14155550142");
        assertThat(call.spokenText()).isEqualTo("Press 1. Press 1. Goodbye.");
        assertThat(call.digitsPressed()).isEmpty();
        assertThat(application.receivedOn("/xml/repeat", call.callUuid())).isEmpty();
        assertThat(call.events()).filteredOn(event -> event.type() == CallEvent.Type.GET_DIGITS)
                .extracting(CallEvent::detail).hasSize(3).last().isEqualTo("no input: continuing after GetDigits");
    }

    @Test
    void shouldFollowARelativeRedirectAndStopAtHangup() throws Exception {
        place("14155550143", "/xml/redirecting");

        CallSnapshot call = awaitFinished("+14155550143");
        assertThat(call.spokenText()).isEqualTo("First. Second.");
        assertThat(only("/xml/next", call).parameters()).containsEntry("CallUUID", call.callUuid());
        assertThat(only("/xml/hangup", call).parameters()).containsEntry("CallStatus", "completed")
                .containsEntry("HangupSource", "Plivo");
        assertThat(call.events()).extracting(CallEvent::type).contains(CallEvent.Type.REDIRECT);
    }

    @Test
    void shouldWaitAtAKeypadPromptForKeysTypedOnThePhonePageWhenANumberIsAnsweredByHand() throws Exception {
        http.post().uri(builder -> builder.path("/sandbox/scenarios/by-hand").queryParam("number", "+14155550144").build()).exchange().expectStatus().isNoContent();
        try {
            place("14155550144", "/xml/code");

            CallSnapshot waiting = await().atMost(Duration.ofSeconds(10)).until(() -> calls("+14155550144"), calls -> calls.size() == 1
                    && calls.getFirst().events().stream().anyMatch(event -> event.detail().startsWith("waiting for keys"))).getFirst();
            assertThat(waiting.status()).isEqualTo(CallStatus.IN_PROGRESS);
            assertThat(waiting.heardCode()).isEqualTo("482915");
            http.post().uri("/sandbox/calls/" + waiting.requestUuid() + "/keys").contentType(MediaType.APPLICATION_JSON)
                    .body("{\"keys\": \"12\"}").exchange().expectStatus().isAccepted();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls("+14155550144").getFirst().events().stream()
                    .filter(event -> event.detail().startsWith("waiting for keys")).count() == 2);
            http.post().uri("/sandbox/calls/" + waiting.requestUuid() + "/keys").contentType(MediaType.APPLICATION_JSON)
                    .body("{\"keys\": \"482915#\"}").exchange().expectStatus().isAccepted();

            CallSnapshot call = awaitFinished("+14155550144");
            assertThat(call.digitsPressed()).containsExactly("1", "482915");
            assertThat(only("/xml/confirm", call).parameters()).containsEntry("Digits", "482915");
        } finally {
            http.delete().uri(builder -> builder.path("/sandbox/scenarios/by-hand").queryParam("number", "+14155550144").build()).exchange().expectStatus().isNoContent();
        }
        assertThat(http.get().uri("/sandbox/scenarios/by-hand").exchange().expectBody(String[].class).returnResult().getResponseBody())
                .isEmpty();
    }

    @Test
    void shouldRefuseKeysForAnUnknownCallOrKeysNoPhoneHas() {
        http.post().uri("/sandbox/calls/no-such-call/keys").contentType(MediaType.APPLICATION_JSON).body("{\"keys\": \"1\"}")
                .exchange().expectStatus().isNotFound();
        http.post().uri("/sandbox/calls/no-such-call/keys").contentType(MediaType.APPLICATION_JSON).body("{\"keys\": \"1a\"}")
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void shouldServeThePhonePage() {
        assertThat(http.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("the phones voice-otp calls").contains("/sandbox/calls");
    }

    private void place(String to, String answerPath) throws Exception {
        Call.creator(CALLER, List.of(to), application.url(answerPath))
                .hangupUrl(application.url("/xml/hangup"))
                .client(sdk())
                .create();
    }
}
