package dev.voiceotp.worker.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.EventTopicReader;
import dev.voiceotp.testsupport.EventTopicReader.Event;
import dev.voiceotp.worker.SignedCallbacks;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.WorkerTestConfig;
import dev.voiceotp.worker.prompt.CallPromptStore;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * What the callee does (answer, busy, no answer, failure) becomes the verification's call state and a series of
 * lifecycle events, through the real SDK and the sandbox's signed callbacks. The tests run with one redial
 * allowed, one second after a busy or unanswered call.
 */
class CallOutcomeTest extends WorkerIntegrationTest {

    private final CodeHasher hasher = CodeHasher.fromSecret(WorkerTestConfig.HMAC_SECRET);

    @Autowired
    CallPromptStore prompts;
    @Autowired
    MeterRegistry meters;

    @Test
    void shouldReportEveryStageOfAnAnsweredCall() {
        OtpRequest request = newRequest();
        try (EventTopicReader events = new EventTopicReader()) {
            publish(request);

            await().atMost(seconds(30)).untilAsserted(() -> assertThat(events.typesOf("shop", request.verificationId()))
                    .containsExactlyInAnyOrder("call_placed", "call_ringing", "call_answered", "call_completed"));
            assertThat(verification(request.verificationId())).containsEntry("status", "pending")
                    .containsEntry("callStatus", "completed").containsEntry("callHangupCause", "Normal Hangup")
                    .containsEntry("callAttempts", "1").containsKey("callUuid").containsKey("callDuration");
            Event completed = events.of("shop", request.verificationId()).stream().filter(event -> event.type().equals("call_completed"))
                    .findFirst().orElseThrow();
            assertThat(completed.value().path("country").asString()).isEqualTo("US");
            assertThat(completed.value().path("hangupCause").asString()).isEqualTo("Normal Hangup");
            assertThat(completed.raw()).doesNotContain(request.phoneNumber()).doesNotContain(request.phoneNumber().substring(1));
        }
    }

    @Test
    void shouldRedialABusyNumberOnceReadingTheSameCode() {
        OtpRequest request = newRequest();
        sandbox.scenario(Map.of("number", request.phoneNumber(), "count", 1, "outcome", "busy"));
        try (EventTopicReader events = new EventTopicReader()) {
            publish(request);
            // the code of the busy call, which no one heard: the redial must read this one, not a new one
            String busyCallsCodeHash = await().atMost(seconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> verification(request.verificationId()), hash -> "redial".equals(hash.get("callState"))).get("codeHash");

            String code = await().atMost(seconds(30)).until(() -> sandbox.heardCode(request.phoneNumber()), heard -> heard != null);
            assertThat(hasher.hash(request.verificationId(), code)).isEqualTo(busyCallsCodeHash);

            List<JsonNode> calls = sandbox.callsTo(request.phoneNumber());
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).path("answerUrl").asString()).isNotEqualTo(calls.get(1).path("answerUrl").asString());
            assertThat(verification(request.verificationId())).containsEntry("codeHash", hasher.hash(request.verificationId(), code))
                    .containsEntry("callAttempts", "2").containsEntry("status", "pending");
            await().atMost(seconds(10)).untilAsserted(() -> assertThat(events.typesOf("shop", request.verificationId()))
                    .containsExactlyInAnyOrder("call_placed", "call_failed", "call_placed", "call_ringing", "call_answered", "call_completed"));
            assertThat(events.of("shop", request.verificationId())).filteredOn(event -> event.type().equals("call_failed"))
                    .singleElement().satisfies(event -> assertThat(event.value().path("callStatus").asString()).isEqualTo("busy"));
        }
    }

    @Test
    void shouldChargeTheRedialToTheSpendCapsAsTheGatewayChargedTheFirstCall() {
        // an app of its own: no other test's calls move its counter
        OtpRequest request = OtpRequest.of(java.util.UUID.randomUUID().toString(), "bank", nextNumber(), null,
                java.time.Instant.now(), java.time.Instant.now().plusSeconds(600));
        String appDay = RedisKeys.appDailySpend("bank", java.time.Instant.now());
        long before = spent(appDay);
        sandbox.scenario(Map.of("number", request.phoneNumber(), "count", 1, "outcome", "busy"));

        publish(request);

        await().atMost(seconds(30)).until(() -> sandbox.heardCode(request.phoneNumber()), heard -> heard != null);
        await().atMost(seconds(10)).untilAsserted(() -> assertThat(verification(request.verificationId())).containsEntry("callAttempts", "2"));
        // the first call is charged by the gateway when it creates the verification (this test publishes as the
        // gateway would, without that charge): the worker charges the second, and only that
        await().atMost(seconds(10)).untilAsserted(() -> assertThat(spent(appDay) - before).isEqualTo(1));
        assertThat(redis.getExpire(appDay)).isPositive();
        assertThat(spent(RedisKeys.countryHourlySpend("US", java.time.Instant.now()))).isPositive();
    }

    private long spent(String key) {
        String value = redis.opsForValue().get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Test
    void shouldFailTheVerificationWhenTheRedialIsNotAnsweredEither() {
        OtpRequest request = newRequest();
        sandbox.scenario(Map.of("number", request.phoneNumber(), "count", 2, "outcome", "no_answer"));
        try (EventTopicReader events = new EventTopicReader()) {
            publish(request);

            await().atMost(seconds(30)).untilAsserted(() -> assertThat(verification(request.verificationId()))
                    .containsEntry("status", "failed").containsEntry("failureReason", "call_no_answer")
                    .containsEntry("callStatus", "no-answer").containsEntry("callAttempts", "2").doesNotContainKey("codeHash"));
            await().atMost(seconds(10)).untilAsserted(() -> assertThat(events.typesOf("shop", request.verificationId()))
                    .containsExactlyInAnyOrder("call_placed", "call_ringing", "call_failed", "call_placed", "call_ringing", "call_failed", "failed"));
            assertThat(events.of("shop", request.verificationId())).filteredOn(event -> event.type().equals("failed"))
                    .singleElement().satisfies(event -> assertThat(event.value().path("reason").asString()).isEqualTo("call_no_answer"));
            assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(2);
        }
    }

    @Test
    void shouldReportAMachineThatAnsweredAndFailTheVerification() {
        String id = java.util.UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, "246810");
        double machinesBefore = meters.find("otp.calls.ended").tags("status", "machine", "cause", "machine_detected").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
        try (EventTopicReader events = new EventTopicReader()) {
            // machine_detection=hangup: Plivo ends the call before the answer URL, with this report
            new SignedCallbacks(PORT).post("/plivo/hangup/" + token, Map.of("CallUUID", "call-" + id, "CallStatus", "completed",
                    "HangupCause", "Machine Detected", "HangupCauseName", "Machine Detected", "Machine", "true", "Duration", "0"), "nonce-" + id);

            assertThat(verification(id)).containsEntry("callStatus", "machine").containsEntry("status", "failed")
                    .containsEntry("failureReason", "call_machine");
            await().atMost(seconds(10)).untilAsserted(() -> assertThat(events.typesOf("shop", id))
                    .containsExactlyInAnyOrder("call_failed", "failed"));
            assertThat(meters.get("otp.calls.ended").tags("status", "machine", "cause", "machine_detected").counter().count())
                    .isEqualTo(machinesBefore + 1);
        }
    }

    @Test
    void shouldFailOnceWhenTheAnswerWebhookReportsAMachineAndIgnoreTheHangupThatFollows() {
        String id = java.util.UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, "135790");
        double machinesBefore = meters.find("otp.calls.ended").tags("status", "machine", "cause", "machine_detected").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
        SignedCallbacks callbacks = new SignedCallbacks(PORT);
        try (EventTopicReader events = new EventTopicReader()) {
            // machine_detection=true: the answer URL learns of the machine, and the worker hangs up without a word
            String answer = callbacks.post("/plivo/answer/" + token, Map.of("CallUUID", "call-" + id, "CallStatus", "in-progress",
                    "Machine", "true"), "answer-" + id).body();

            assertThat(answer).contains("<Hangup").doesNotContain("say-as");
            assertThat(verification(id)).containsEntry("callStatus", "machine").containsEntry("status", "failed")
                    .containsEntry("failureReason", "call_machine");
            assertThat(prompts.find(token)).isEmpty();

            callbacks.post("/plivo/hangup/" + token, Map.of("CallUUID", "call-" + id, "CallStatus", "completed",
                    "HangupCauseName", "Normal Hangup", "Duration", "1"), "hangup-" + id);

            assertThat(verification(id)).containsEntry("callStatus", "machine").containsEntry("status", "failed");
            await().atMost(seconds(10)).untilAsserted(() -> assertThat(events.typesOf("shop", id))
                    .containsExactlyInAnyOrder("call_failed", "failed"));
            await().during(Duration.ofSeconds(1)).atMost(seconds(3)).untilAsserted(() -> assertThat(events.typesOf("shop", id))
                    .containsExactlyInAnyOrder("call_failed", "failed"));
            assertThat(events.of("shop", id)).filteredOn(event -> event.type().equals("call_failed")).singleElement()
                    .satisfies(event -> assertThat(event.value().path("callStatus").asString()).isEqualTo("machine"));
            assertThat(meters.get("otp.calls.ended").tags("status", "machine", "cause", "machine_detected").counter().count())
                    .isEqualTo(machinesBefore + 1);
        }
    }

    @Test
    void shouldFailAtOnceWhenTheCallFails() {
        OtpRequest request = newRequest();
        sandbox.scenario(Map.of("number", request.phoneNumber(), "outcome", "failed"));
        publish(request);

        await().atMost(seconds(30)).untilAsserted(() -> assertThat(verification(request.verificationId()))
                .containsEntry("status", "failed").containsEntry("failureReason", "call_failed")
                .containsEntry("callHangupCause", "Destination Out Of Service"));
        await().during(Duration.ofSeconds(2)).atMost(seconds(5)).untilAsserted(() ->
                assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1));
    }
}
