package dev.voiceotp.worker;

import static dev.voiceotp.worker.CallFlowTestSupport.nextNumber;
import static dev.voiceotp.worker.CallFlowTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.check.ApprovalMetrics;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.EventTopicReader;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructureConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The strictest call flow: the person presses a key before the code is read (an answering machine cannot), then
 * types the code on the keypad, and the worker checks it in the call with the verifier's atomic check. The code,
 * read out and typed back, never appears in the test's output (the worker's log and the sandbox's).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "voice-otp.worker.voicemail.mode=press-key", "voice-otp.worker.confirm-in-call=true", "voice-otp.code.max-attempts=3"})
// the only other configuration: closed after the class, so that its Kafka listeners and call schedule poller cannot
// take records meant for the shared context (which the test framework pauses while this one runs)
@DirtiesContext
@Import(TestInfrastructureConnections.class)
@ExtendWith(OutputCaptureExtension.class)
class PressKeyConfirmCallFlowTest {

    private static final int PORT = RedisServerProcess.freePort();
    private static final Duration CALL = Duration.ofSeconds(20);
    /** Wrong for any code but one in a million; the code is random, and unknown until the call reads it. */
    private static final String WRONG = "000000";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // the shared settings (same Kafka group, Redis, pacing bucket and secrets), on a port of its own
        WorkerTestConfig.properties(PORT).forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    private final SandboxControl sandbox = new SandboxControl(EmbeddedPlivoSandbox.get());

    @Test
    void shouldNeverSpeakTheCodeWhenNoKeyIsPressed() {
        String number = nextNumber();
        OtpRequest request = request("shop", number, null, null);
        publish(request);

        JsonNode call = await().atMost(CALL).until(() -> sandbox.endedCallTo(number), found -> found != null);

        assertThat(call.path("spokenText").asString()).contains("Acme Shop", "To hear your verification code, press 1.")
                .doesNotContain("Your verification code is");
        assertThat(SandboxControl.codesSpoken(call)).isEmpty();
        assertThat(call.path("events").valueStream().map(event -> event.path("detail").asString()))
                .noneMatch(detail -> detail.contains("machine_detection"));
        assertThat(redis.opsForHash().get(RedisKeys.verification(request.verificationId()), "status")).isEqualTo("pending");
    }

    @Test
    void shouldApproveTheVerificationWhenThePersonTypesTheCodeHeard(CapturedOutput output) {
        String number = nextNumber();
        sandbox.scenario(Map.of("number", number, "digits", List.of("1", "{code}")));
        double before = confirmed("approved");
        double approvedBefore = approvedOfShop();
        long timedBefore = meters.get(ApprovalMetrics.TIME_TO_VERIFY).tag("app", "shop").timer().count();
        OtpRequest request = request("shop", number, null, null);
        publish(request);

        JsonNode call = await().atMost(CALL).until(() -> sandbox.endedCallTo(number), found -> found != null);

        assertThat(SandboxControl.codesSpoken(call)).hasSize(2);
        assertThat(call.path("spokenText").asString()).contains("Please type the code you heard", "Your code is confirmed.");
        assertNeverPrinted(output, call);
        assertThat(redis.opsForHash().entries(RedisKeys.verification(request.verificationId())))
                .containsEntry("status", "approved").containsEntry("failedAttempts", "0");
        assertThat(confirmed("approved")).isEqualTo(before + 1);
        assertThat(approvedOfShop()).as("conversion counts the code confirmed in the call").isEqualTo(approvedBefore + 1);
        assertThat(meters.get(ApprovalMetrics.TIME_TO_VERIFY).tag("app", "shop").timer().count()).isEqualTo(timedBefore + 1);
        try (EventTopicReader events = new EventTopicReader()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(events.typesOf("shop", request.verificationId())).containsOnlyOnce("approved"));
        }
    }

    @Test
    void shouldCountAWrongCodeAsAnAttemptAndLetThePersonTryAgain() {
        String number = nextNumber();
        sandbox.scenario(Map.of("number", number, "digits", List.of("1", WRONG, "{code}")));
        OtpRequest request = request("shop", number, null, null);
        publish(request);

        JsonNode call = await().atMost(CALL).until(() -> sandbox.endedCallTo(number), found -> found != null);

        assertThat(call.path("spokenText").asString()).contains("That code is not correct. Please try again.", "Your code is confirmed.");
        assertThat(redis.opsForHash().entries(RedisKeys.verification(request.verificationId())))
                .containsEntry("status", "approved").containsEntry("failedAttempts", "1");
    }

    @Test
    void shouldLockTheVerificationAfterTheLastWrongCode(CapturedOutput output) {
        String number = nextNumber();
        sandbox.scenario(Map.of("number", number, "digits", List.of("1", WRONG, WRONG, WRONG, "{code}")));
        OtpRequest request = request("shop", number, null, null);
        double lockedBefore = confirmed("locked");
        publish(request);

        JsonNode call = await().atMost(CALL).until(() -> sandbox.endedCallTo(number), found -> found != null);

        assertThat(call.path("spokenText").asString()).contains("Too many wrong codes.").doesNotContain("Your code is confirmed.");
        assertThat(call.path("digitsPressed").valueStream().map(JsonNode::asString)).containsExactly("1", WRONG, WRONG, WRONG);
        assertNeverPrinted(output, call);
        assertThat(redis.opsForHash().entries(RedisKeys.verification(request.verificationId())))
                .containsEntry("status", "max_attempts_reached").containsEntry("failedAttempts", "3");
        try (EventTopicReader events = new EventTopicReader()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.of("shop", request.verificationId()))
                    .filteredOn(event -> event.type().equals("locked")).singleElement()
                    .satisfies(event -> assertThat(event.raw()).contains("max_attempts")));
            assertThat(events.typesOf("shop", request.verificationId())).doesNotContain("approved");
        }
        assertThat(confirmed("locked")).as("one lock, counted once").isEqualTo(lockedBefore + 1);
    }

    @Test
    void shouldRegisterTheConfirmationCountersOfEveryAppUpFront() {
        for (String app : List.of("shop", "bank", "flow")) {
            for (String result : List.of("approved", "wrong_code", "locked", "invalid")) {
                assertThat(meters.find("otp.calls.confirmed").tags("app", app, "result", result).counter()).as(app + " " + result).isNotNull();
            }
        }
    }

    @Test
    void shouldReadTheCodeAgainWhenThePersonPressesStar() {
        String number = nextNumber();
        sandbox.scenario(Map.of("number", number, "digits", List.of("1", "*", "{code}")));
        OtpRequest request = request("shop", number, null, null);
        publish(request);

        JsonNode call = await().atMost(CALL).until(() -> sandbox.endedCallTo(number), found -> found != null);

        List<String> codes = SandboxControl.codesSpoken(call);
        assertThat(codes).hasSize(4);
        assertThat(Collections.frequency(codes, codes.getFirst())).isEqualTo(4);
        assertThat(redis.opsForHash().get(RedisKeys.verification(request.verificationId()), "status")).isEqualTo("approved");
    }

    /** Each code the call read, as a whole number (not inside a longer run of digits, such as a timestamp's). */
    private static void assertNeverPrinted(CapturedOutput output, JsonNode call) {
        List<String> codes = SandboxControl.codesSpoken(call);
        assertThat(codes).isNotEmpty();
        for (String code : codes) {
            assertThat(output.getAll()).as("the output of the call's test").doesNotContainPattern("(?<!\\d)" + code + "(?!\\d)");
        }
    }

    private static void publish(OtpRequest request) {
        WorkerIntegrationTest.publish(request);
    }

    private double confirmed(String result) {
        return meters.counter("otp.calls.confirmed", "app", "shop", "result", result).count();
    }

    private double approvedOfShop() {
        return meters.find(ApprovalMetrics.APPROVED).tag("app", "shop").counters().stream().mapToDouble(Counter::count).sum();
    }
}
