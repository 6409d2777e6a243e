package dev.voiceotp.worker;

import static dev.voiceotp.worker.CallFlowTestSupport.nextNumber;
import static dev.voiceotp.worker.CallFlowTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.EventTopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The call as the person hears it, with the default flow (machine detection, "press 1 to hear it again"), and the
 * PHLO path: through the real plivo-java SDK against the sandbox, whose scenarios play the callee.
 */
class CallFlowTest extends WorkerIntegrationTest {

    private static final Duration CALL = Duration.ofSeconds(20);

    @Autowired
    MeterRegistry meters;

    private final SandboxControl calls = new SandboxControl(sandbox);
    private final CodeHasher hasher = CodeHasher.fromSecret(WorkerTestConfig.HMAC_SECRET);

    @Test
    void shouldReadTheCodeAgainWhenThePersonPressesOne() {
        String number = nextNumber();
        calls.scenario(Map.of("number", number, "outcome", "answer", "digits", List.of("1")));
        OtpRequest request = request("shop", number, null, null);
        publish(request);

        JsonNode call = await().atMost(CALL).until(() -> calls.endedCallTo(number), found -> found != null);

        List<String> codes = SandboxControl.codesSpoken(call);
        assertThat(codes).hasSize(4).containsOnly(codes.getFirst());
        assertThat(call.path("spokenText").asString()).startsWith("Hello, this is Acme Shop.").contains("To hear the code again, press 1.");
        assertThat(call.path("digitsPressed").valueStream().map(JsonNode::asString)).containsExactly("1");
        assertThat(redis.opsForHash().get(RedisKeys.verification(request.verificationId()), "codeHash"))
                .isEqualTo(hasher.hash(request.verificationId(), codes.getFirst()));
    }

    @Test
    void shouldHangUpOnAnAnsweringMachineWithoutSpeakingTheCode() {
        String number = nextNumber();
        calls.scenario(Map.of("number", number, "outcome", "machine"));
        OtpRequest request = request("shop", number, null, null);
        publish(request);

        JsonNode call = await().atMost(CALL).until(() -> calls.endedCallTo(number), found -> found != null);

        assertThat(call.path("machine").asBoolean()).isTrue();
        assertThat(call.path("spokenText").asString("")).doesNotContainPattern("\\d");
        assertThat(call.path("events").valueStream().map(event -> event.path("detail").asString()))
                .anyMatch(detail -> detail.contains("machine_detection=true"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(verification(request.verificationId()))
                .containsEntry("callStatus", "machine").containsEntry("status", "failed").containsEntry("failureReason", "call_machine"));
        // the call's token still names its verification, for late callbacks, but no copy of the code is left
        assertThat(redis.keys(RedisKeys.callPrompt("*"))).map(key -> String.valueOf(redis.opsForValue().get(key)))
                .filteredOn(value -> value.startsWith(request.verificationId())).isNotEmpty().allSatisfy(value -> assertThat(value).doesNotContain(" "));
    }

    @Test
    void shouldReportAMachineAnswerOnceThoughTheHangupFollows() {
        String number = nextNumber();
        calls.scenario(Map.of("number", number, "outcome", "machine"));
        double machinesBefore = machineEndings();
        OtpRequest request = request("shop", number, null, null);
        try (EventTopicReader events = new EventTopicReader()) {
            publish(request);

            await().atMost(CALL).until(() -> calls.endedCallTo(number), found -> found != null);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.typesOf("shop", request.verificationId()))
                    .contains("call_placed", "call_failed", "failed"));
            // the hangup report that follows the worker's own hang-up changes nothing
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                List<EventTopicReader.Event> seen = events.of("shop", request.verificationId());
                assertThat(seen).filteredOn(event -> event.type().equals("call_failed")).singleElement()
                        .satisfies(event -> assertThat(event.value().path("callStatus").asString()).isEqualTo("machine"));
                assertThat(seen).filteredOn(event -> event.type().equals("failed")).hasSize(1);
                assertThat(seen).noneMatch(event -> event.type().equals("call_answered") || event.type().equals("call_completed"));
            });
            assertThat(machineEndings()).isEqualTo(machinesBefore + 1);
        }
    }

    @Test
    void shouldSpeakEachLanguageWithItsOwnPollyVoice() {
        Map<String, String> expected = Map.of(
                "en-US", "voice=Polly.Joanna language=en-US|Your verification code is",
                "en-GB", "voice=Polly.Amy language=en-GB|Your verification code is",
                "es-ES", "voice=Polly.Lucia language=es-ES|Su código de verificación es",
                "fr-FR", "voice=Polly.Celine language=fr-FR|Votre code de vérification est",
                "de-DE", "voice=Polly.Vicki language=de-DE|Ihr Bestätigungscode lautet",
                "pt-BR", "voice=Polly.Vitoria language=pt-BR|Seu código de verificação é",
                "hi-IN", "voice=Polly.Aditi language=hi-IN|आपका सत्यापन कोड है");
        Map<String, String> numbers = new HashMap<>();
        expected.keySet().forEach(locale -> {
            numbers.put(locale, nextNumber());
            publish(request("shop", numbers.get(locale), locale, null));
        });

        expected.forEach((locale, voiceAndWords) -> {
            JsonNode call = await().atMost(CALL).until(() -> calls.endedCallTo(numbers.get(locale)), found -> found != null);
            String[] parts = voiceAndWords.split("\\|");
            assertThat(call.path("events").valueStream().filter(event -> event.path("type").asString().equals("speak"))
                    .map(event -> event.path("detail").asString())).as(locale).allMatch(detail -> detail.startsWith(parts[0]));
            assertThat(call.path("spokenText").asString()).as(locale).contains("Acme Shop", parts[1]);
            assertThat(SandboxControl.codesSpoken(call)).as(locale).hasSize(2);
        });
    }

    @Test
    void shouldCallFromTheAppsCallerIdInTheAppsLanguage() {
        String number = nextNumber();
        publish(request("bank", number, null, null));

        JsonNode call = await().atMost(CALL).until(() -> calls.endedCallTo(number), found -> found != null);

        assertThat(call.path("from").asString()).endsWith("493012345678");
        assertThat(call.path("spokenText").asString()).startsWith("Hallo, hier ist Berlin Bank.");
    }

    @Test
    void shouldRunTheAppsPhloWithTheCodeInItsPayload() {
        String number = nextNumber();
        OtpRequest request = request("flow", number, null, null);
        publish(request);

        JsonNode run = await().atMost(CALL).until(() -> calls.phloRunsTo(number).stream().findFirst().orElse(null), found -> found != null);

        assertThat(run.path("phloId").asString()).isEqualTo(WorkerTestConfig.APP_PHLO);
        String code = await().atMost(CALL).until(() -> spokenCode(calls.phloRunsTo(number).getFirst()), found -> found != null);
        Map<Object, Object> verification = redis.opsForHash().entries(RedisKeys.verification(request.verificationId()));
        assertThat(verification).containsEntry("codeHash", hasher.hash(request.verificationId(), code))
                .containsEntry("callState", "placed").containsEntry("callRequestUuid", run.path("phloRunId").asString());
        assertThat(redis.keys(RedisKeys.callPrompt("*"))).noneMatch(key -> request.verificationId().equals(
                String.valueOf(redis.opsForValue().get(key)).split(" ")[0]));
    }

    @Test
    void shouldRunTheDefaultPhloWhenARequestAsksForPhloDelivery() {
        String number = nextNumber();
        publish(request("shop", number, null, DeliveryMethod.PHLO));

        JsonNode run = await().atMost(CALL).until(() -> calls.phloRunsTo(number).stream().findFirst().orElse(null), found -> found != null);

        assertThat(run.path("phloId").asString()).isEqualTo(WorkerTestConfig.DEFAULT_PHLO);
        assertThat(calls.callsTo(number)).allSatisfy(call -> assertThat(call.path("answerUrl").asString("")).doesNotContain("/plivo/answer/"));
    }

    @Test
    void shouldRetryAPhloRunAfterATransientFailureAndFailTheVerificationOnARefusal() {
        String flaky = nextNumber();
        String barred = nextNumber();
        calls.scenario(Map.of("number", flaky, "count", 1, "api", "server_error"));
        calls.scenario(Map.of("number", barred, "api", "invalid_number"));
        OtpRequest retried = request("flow", flaky, null, null);
        OtpRequest refused = request("flow", barred, null, null);
        double serverErrorsBefore = phloRuns("server_error");
        double placedBefore = meters.find("otp.calls.placed").tag("method", "phlo").counters().stream().mapToDouble(counter -> counter.count()).sum();
        publish(retried);
        publish(refused);

        await().atMost(CALL).untilAsserted(() -> {
            assertThat(redis.opsForHash().get(RedisKeys.verification(retried.verificationId()), "callState")).isEqualTo("placed");
            assertThat(redis.opsForHash().entries(RedisKeys.verification(refused.verificationId())))
                    .containsEntry("status", "failed").containsEntry("failureReason", "invalid_request");
        });
        assertThat(calls.apiStatusesFor(flaky)).containsExactly(500, 201);
        assertThat(calls.phloRunsTo(flaky)).hasSize(1);
        assertThat(calls.apiStatusesFor(barred)).containsExactly(400);
        assertThat(calls.phloRunsTo(barred)).isEmpty();
        assertThat(phloRuns("server_error")).isEqualTo(serverErrorsBefore + 1);
        assertThat(meters.find("otp.calls.placed").tag("method", "phlo").counters().stream().mapToDouble(counter -> counter.count()).sum())
                .isGreaterThanOrEqualTo(placedBefore + 1);
        assertThat(verification(refused.verificationId())).doesNotContainKey("codeHash");
    }

    private double phloRuns(String outcome) {
        return meters.get("otp.plivo.api").tags("operation", "phlo_run", "outcome", outcome).timer().count();
    }

    @Test
    void shouldRefuseKeypadCallbacksWithoutAValidPlivoSignature() throws Exception {
        HttpRequest forged = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + PORT + "/plivo/digits/some-token/confirm?replays=0"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Plivo-Signature-V3", "bm90IGEgc2lnbmF0dXJl").header("X-Plivo-Signature-V3-Nonce", "12345")
                .POST(HttpRequest.BodyPublishers.ofString("CallUUID=abc&Digits=123456")).build();

        assertThat(HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
    }

    private double machineEndings() {
        return meters.find("otp.calls.ended").tags("status", "machine", "cause", "machine_detected").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static String spokenCode(JsonNode run) {
        Matcher matcher = Pattern.compile("(\\d[\\d ]{4,}\\d)").matcher(run.path("spokenText").asString(""));
        return matcher.find() ? matcher.group(1).replace(" ", "") : null;
    }
}
