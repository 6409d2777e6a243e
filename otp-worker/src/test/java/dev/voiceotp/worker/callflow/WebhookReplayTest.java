package dev.voiceotp.worker.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.EventTopicReader;
import dev.voiceotp.worker.SignedCallbacks;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.prompt.CallPromptStore;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Signed callbacks sent the way an attacker who captured one would: again, byte for byte. The replay is
 * answered 200 and changes nothing; only a new report changes the call, once.
 */
class WebhookReplayTest extends WorkerIntegrationTest {

    private static final String CODE = "918273";

    @Autowired
    CallPromptStore prompts;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private final SignedCallbacks callbacks = new SignedCallbacks(PORT);

    @Test
    void shouldNotReadTheCodeToAReplayedAnswerCallback() throws Exception {
        String id = UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, CODE);
        Map<String, String> answer = Map.of("CallUUID", "call-" + id, "CallStatus", "in-progress", "Direction", "outbound");
        double replayedBefore = counter("answer", "replayed");

        HttpResponse<String> original = callbacks.post("/plivo/answer/" + token, answer, "nonce-" + id);
        HttpResponse<String> replay = callbacks.post("/plivo/answer/" + token, answer, "nonce-" + id);

        assertThat(spoken(original.body())).contains(CODE);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(spoken(replay.body())).doesNotContain(CODE);
        assertThat(counter("answer", "replayed")).isEqualTo(replayedBefore + 1);
    }

    @Test
    void shouldChangeAndPublishNothingForARepeatedHangup() throws Exception {
        String id = UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, CODE);
        Map<String, String> completed = Map.of("CallUUID", "call-" + id, "CallStatus", "completed", "HangupCause", "NORMAL_CLEARING",
                "HangupCauseName", "Normal Hangup", "Duration", "12", "Direction", "outbound");
        double replayedBefore = counter("hangup", "replayed");

        try (EventTopicReader events = new EventTopicReader()) {
            // answered first: a call that hangs up "completed" without its answer webhook never read its code
            assertThat(callbacks.post("/plivo/answer/" + token, Map.of("CallUUID", "call-" + id, "CallStatus", "in-progress",
                    "Direction", "outbound"), "answer-nonce-" + id).statusCode()).isEqualTo(200);
            assertThat(callbacks.post("/plivo/hangup/" + token, completed, "nonce-" + id).statusCode()).isEqualTo(200);
            redis.opsForHash().delete(RedisKeys.verification(id), "callDuration");

            HttpResponse<String> replay = callbacks.post("/plivo/hangup/" + token, completed, "nonce-" + id);
            HttpResponse<String> resent = callbacks.post("/plivo/hangup/" + token, completed, "another-nonce-" + id);

            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(resent.statusCode()).isEqualTo(200);
            assertThat(verification(id)).containsEntry("callStatus", "completed").doesNotContainKey("callDuration");
            assertThat(counter("hangup", "replayed")).isEqualTo(replayedBefore + 1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(events.typesOf("shop", id)).containsExactly("call_answered", "call_completed"));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(events.typesOf("shop", id)).containsExactly("call_answered", "call_completed"));
        }
    }

    @Test
    void shouldIgnoreTheSandboxReplayingACallsLastCallback() {
        dev.voiceotp.contract.OtpRequest request = newRequest();
        try (EventTopicReader events = new EventTopicReader()) {
            publish(request);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.typesOf("shop", request.verificationId()))
                    .contains("call_completed"));
            double replayedBefore = counter("hangup", "replayed");
            String requestUuid = sandbox.callsTo(request.phoneNumber()).getFirst().path("requestUuid").asString();

            assertThat(sandbox.replayLastCallback(requestUuid)).isEqualTo(200);

            assertThat(counter("hangup", "replayed")).isEqualTo(replayedBefore + 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(events.typesOf("shop", request.verificationId())).containsOnlyOnce("call_completed").hasSize(4));
        }
    }

    @Test
    void shouldNotReadTheCodeAgainForAReplayedKeypadCallback() {
        String id = UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, CODE);
        Map<String, String> pressedOne = Map.of("CallUUID", "call-" + id, "Digits", "1");
        double acceptedBefore = counter("digits", "accepted");
        double replayedBefore = counter("digits", "replayed");

        HttpResponse<String> original = callbacks.post("/plivo/digits/" + token + "/repeat?replays=0", pressedOne, "digits-" + id);
        HttpResponse<String> replay = callbacks.post("/plivo/digits/" + token + "/repeat?replays=0", pressedOne, "digits-" + id);

        assertThat(spoken(original.body())).contains(CODE);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(spoken(replay.body())).doesNotContain(CODE);
        assertThat(counter("digits", "accepted")).isEqualTo(acceptedBefore + 1);
        assertThat(counter("digits", "replayed")).isEqualTo(replayedBefore + 1);
    }

    @Test
    void shouldAnswerAKeypadCallbackWithAMalformedReplayCountWithAProblemNamingIt() {
        String id = UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, CODE);

        HttpResponse<String> response = callbacks.post("/plivo/digits/" + token + "/repeat?replays=many",
                Map.of("CallUUID", "call-" + id, "Digits", "1"), "digits-malformed-" + id);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"replays\"").doesNotContain(CODE);
    }

    @Test
    void shouldRefuseAForgedCallbackAndCountIt() throws Exception {
        double forgedBefore = counter("ring", "forged");

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/plivo/ring/any"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Plivo-Signature-V3", "Zm9yZ2Vk").header("X-Plivo-Signature-V3-Nonce", "1")
                .POST(HttpRequest.BodyPublishers.ofString("CallStatus=ringing")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(counter("ring", "forged")).isEqualTo(forgedBefore + 1);
    }

    /** The text of an XML answer without its markup: a code read digit by digit, pauses between, reads whole. */
    private static String spoken(String xml) {
        return xml.replaceAll("<[^>]+>", "");
    }

    private double counter(String kind, String outcome) {
        return meters.get("otp.webhooks").tag("kind", kind).tag("outcome", outcome).counter().count();
    }
}
