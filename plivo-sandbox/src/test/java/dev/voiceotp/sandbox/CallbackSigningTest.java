package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.plivo.api.models.call.Call;

import dev.voiceotp.contract.plivo.PlivoSignatureV3;
import dev.voiceotp.sandbox.CallbackRecorder.Received;
import dev.voiceotp.sandbox.call.CallSnapshot;

/** Callbacks signed like Plivo during a token rotation, and replayed byte for byte on request. */
class CallbackSigningTest extends SdkTestSupport {

    @BeforeAll
    static void answers() {
        application.reply("/signed/answer", 200, "<Response><Speak>Hello.</Speak></Response>");
    }

    @Test
    void shouldSignEveryCallbackOnceWithEachTokenDuringARotation() throws Exception {
        CallSnapshot call = placeAndFinish("14155550151");

        for (Received callback : List.of(only("/signed/answer", call), only("/signed/hangup", call))) {
            assertThat(callback.signatures()).hasSize(2);
            assertThat(callback.signedWith(AUTH_TOKEN)).isTrue();
            assertThat(callback.signedWith(ROTATED_TOKEN)).isTrue();
            assertThat(callback.headersAgree()).isTrue();
            // the project's own verifier accepts the header under either token alone
            assertThat(PlivoSignatureV3.matches(String.join(",", callback.signatures()), List.of(ROTATED_TOKEN), "POST",
                    callback.url(), callback.parameters(), callback.nonce())).isTrue();
        }
        assertThat(only("/signed/answer", call).nonce()).isNotEqualTo(only("/signed/hangup", call).nonce());
    }

    @Test
    void shouldReplayTheLastCallbackWithTheSameNonceSignaturesAndBody() throws Exception {
        CallSnapshot call = placeAndFinish("14155550152");
        Received original = only("/signed/hangup", call);
        application.reply("/signed/hangup", 409, "");

        http.post().uri("/sandbox/calls/{requestUuid}/replay-last-callback", call.requestUuid())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.url").isEqualTo(application.url("/signed/hangup"));

        List<Received> hangups = application.receivedOn("/signed/hangup", call.callUuid());
        assertThat(hangups).hasSize(2);
        Received replayed = hangups.get(1);
        assertThat(replayed.nonce()).isEqualTo(original.nonce());
        assertThat(replayed.signatures()).isEqualTo(original.signatures());
        assertThat(replayed.parameters()).isEqualTo(original.parameters());
        application.reply("/signed/hangup", 200, "");
    }

    @Test
    void shouldAnswerAReplayOfAnUnknownCallWithNotFound() {
        http.post().uri("/sandbox/calls/{requestUuid}/replay-last-callback", "no-such-call")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No recorded call has request UUID no-such-call.");
    }

    private CallSnapshot placeAndFinish(String to) throws Exception {
        Call.creator(CALLER, List.of(to), application.url("/signed/answer"))
                .hangupUrl(application.url("/signed/hangup"))
                .client(sdk())
                .create();
        return awaitFinished("+" + to);
    }
}
