package dev.voiceotp.worker.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.worker.SignedCallbacks;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.prompt.CallPromptStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The answer webhook reads its call token once and tells three cases apart: a token it never issued (counted as
 * {@code unknown_call}), a known call whose code is gone (counted as {@code accepted}, nothing said), and a pending
 * call (its code read).
 */
class AnswerWebhookTest extends WorkerIntegrationTest {

    private static final String CODE = "640213";

    @Autowired
    CallPromptStore prompts;
    @Autowired
    MeterRegistry meters;

    private final SignedCallbacks callbacks = new SignedCallbacks(PORT);

    @Test
    void shouldReadThePendingCallsCodeAndCountTheAnswerAsAccepted() {
        String id = UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, CODE);
        double acceptedBefore = answers("accepted");

        HttpResponse<String> answer = answer(token, id);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(spoken(answer.body())).contains(CODE);
        assertThat(answers("accepted")).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void shouldSayNothingForAKnownCallWhoseCodeIsGoneAndCountItAsAccepted() {
        String id = UUID.randomUUID().toString();
        String token = SignedCallbacks.placedCall(redis, prompts, id, CODE);
        prompts.forgetCode(token, id);
        double acceptedBefore = answers("accepted");
        double unknownBefore = answers("unknown_call");

        HttpResponse<String> answer = answer(token, id);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(spoken(answer.body())).doesNotContain(CODE);
        assertThat(prompts.verificationIdOf(token)).as("the token still names its verification").contains(id);
        assertThat(answers("accepted")).isEqualTo(acceptedBefore + 1);
        assertThat(answers("unknown_call")).isEqualTo(unknownBefore);
    }

    @Test
    void shouldSayNothingForATokenItNeverIssuedAndCountItAsUnknown() {
        String id = UUID.randomUUID().toString();
        double unknownBefore = answers("unknown_call");

        HttpResponse<String> answer = answer("never-issued-" + id, id);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(spoken(answer.body())).doesNotContainPattern("\\d");
        assertThat(answers("unknown_call")).isEqualTo(unknownBefore + 1);
    }

    private HttpResponse<String> answer(String token, String id) {
        return callbacks.post("/plivo/answer/" + token, Map.of("CallUUID", "call-" + id, "CallStatus", "in-progress",
                "Direction", "outbound"), "answer-" + UUID.randomUUID());
    }

    /** The text of an XML answer without its markup. */
    private static String spoken(String xml) {
        return xml.replaceAll("<[^>]+>", "");
    }

    private double answers(String outcome) {
        Counter counter = meters.find("otp.webhooks").tag("kind", "answer").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
