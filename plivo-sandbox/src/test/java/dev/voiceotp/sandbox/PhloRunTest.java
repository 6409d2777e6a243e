package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.plivo.api.PhloRunnerAddress;
import com.plivo.api.exceptions.InvalidRequestException;
import com.plivo.api.exceptions.ServerException;
import com.plivo.api.models.phlo.Phlo;
import com.plivo.api.models.phlo.PhloUpdateResponse;

import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStatus;
import dev.voiceotp.sandbox.phlo.PhloRunSnapshot;

/** The guide's voice-OTP PHLO, run through the SDK's PHLO runner against the sandbox. */
class PhloRunTest extends SdkTestSupport {

    private static final String PHLO_ID = "6f0b9e1e-3c5a-4c61-9d6e-2f1f7a0c2b11";

    @BeforeEach
    void pointThePhloRunnerAtTheSandbox() {
        PhloRunnerAddress.use("http://localhost:" + port + "/v1/", AUTH_ID, AUTH_TOKEN);
    }

    @Test
    void shouldRunThePhloSoTheCalleeHearsTheCode() throws Exception {
        PhloUpdateResponse response = Phlo.updater(PHLO_ID)
                .payload(Map.of("from", CALLER, "to", "14155550181", "otp", "093817"))
                .run();

        assertThat(response.getPhloId()).isEqualTo(PHLO_ID);
        assertThat(response.getPhloRunId()).isNotBlank().isEqualTo(response.getApiId());
        PhloRunSnapshot run = awaitRun(response.getPhloRunId(), "completed");
        assertThat(run.spokenText()).isEqualTo("Your verification code is 093817.");
        assertThat(run.to()).isEqualTo("+14155550181");
        assertThat(run.from()).isEqualTo("+14155550100");
        CallSnapshot call = awaitFinished("+14155550181");
        assertThat(call.requestUuid()).isEqualTo(run.requestUuid());
        assertThat(call.spokenText()).isEqualTo("Your verification code is 093817.");
    }

    @Test
    void shouldApplyTheScenarioToThePhlosCall() throws Exception {
        scenario("""
                {"number": "+14155550182", "outcome": "busy"}""");

        PhloUpdateResponse response = Phlo.updater(PHLO_ID)
                .payload(Map.of("from", CALLER, "to", "14155550182", "otp", "551204"))
                .run();

        PhloRunSnapshot run = awaitRun(response.getPhloRunId(), "busy");
        assertThat(run.spokenText()).isNull();
        assertThat(awaitFinished("+14155550182").status()).isEqualTo(CallStatus.BUSY);
    }

    @Test
    void shouldRefuseARunAsTheScenarioOrThePayloadSays() {
        scenario("""
                {"number": "+14155550183", "api": "server_error"}""");

        assertThatThrownBy(() -> Phlo.updater(PHLO_ID)
                .payload(Map.of("from", CALLER, "to", "14155550183", "otp", "551204")).run())
                .isInstanceOf(ServerException.class);
        assertThatThrownBy(() -> Phlo.updater(PHLO_ID)
                .payload(Map.of("from", CALLER, "to", "14155550184")).run())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("otp must be digits");

        assertThat(calls("+14155550183")).isEmpty();
        assertThat(calls("+14155550184")).isEmpty();
        assertThat(apiRequests("+14155550183")).singleElement()
                .satisfies(request -> assertThat(request.api()).isEqualTo("phlo"));
    }

    private PhloRunSnapshot awaitRun(String phloRunId, String status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> runs().stream()
                .filter(run -> run.phloRunId().equals(phloRunId) && run.status().equals(status)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private List<PhloRunSnapshot> runs() {
        return List.of(http.get().uri("/sandbox/phlo-runs").exchange()
                .expectStatus().isOk()
                .expectBody(PhloRunSnapshot[].class)
                .returnResult()
                .getResponseBody());
    }
}
