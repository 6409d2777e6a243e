package dev.voiceotp.gateway.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.gateway.GatewayIntegrationTest;

/** {@code GET /v1/verifications/{id}}: what the owning app sees, and nothing for anyone else. */
class VerificationLookupTest extends GatewayIntegrationTest {

    @Test
    void shouldShowAPendingVerificationToTheAppThatCreatedIt() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550111");

        MvcTestResult result = get(SHOP_KEY, id);

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("pending");
        assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(id);
        assertThat(result).bodyJson().extractingPath("$.phoneNumber").isEqualTo("+14155550111");
        assertThat(result).bodyJson().extractingPath("$.call").asMap()
                .containsOnlyKeys("status", "requestUuid", "callUuid", "hangupCause", "durationSeconds")
                .allSatisfy((field, value) -> assertThat(value).isNull());
        String body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContain("failureReason").doesNotContain("codeHash");
        assertThat(JsonPath.<String>read(body, "$.createdAt")).isNotBlank();
        assertThat(JsonPath.<String>read(body, "$.expiresAt")).isNotBlank();
    }

    @Test
    void shouldShowWhatTheWorkerRecordedAboutTheCall() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550112");
        redis.opsForHash().putAll(RedisKeys.verification(id), Map.of(
                VerificationFields.STATUS, "failed", VerificationFields.FAILURE_REASON, "call refused: geo permissions",
                VerificationFields.CALL_STATUS, "failed", VerificationFields.CALL_REQUEST_UUID, "req-1",
                VerificationFields.CALL_HANGUP_CAUSE, "2030", VerificationFields.CALL_DURATION, "0",
                VerificationFields.CODE_HASH, "never-shown"));

        MvcTestResult result = get(SHOP_KEY, id);

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("failed");
        assertThat(result).bodyJson().extractingPath("$.failureReason").isEqualTo("call refused: geo permissions");
        assertThat(result).bodyJson().extractingPath("$.call.requestUuid").isEqualTo("req-1");
        assertThat(result).bodyJson().extractingPath("$.call.hangupCause").isEqualTo("2030");
        assertThat(result).bodyJson().extractingPath("$.call.durationSeconds").isEqualTo(0);
        assertThat(result).bodyJson().asString().doesNotContain("never-shown");
    }

    @Test
    void shouldAnswerAnotherAppsVerificationExactlyLikeAnUnknownId() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550113");

        MvcTestResult otherApp = get(OTHER_KEY, id);
        MvcTestResult unknown = get(OTHER_KEY, UUID.randomUUID().toString());

        assertThat(otherApp).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND);
        for (String field : new String[] {"$.status", "$.title", "$.detail"}) {
            assertThat(JsonPath.<Object>read(otherApp.getResponse().getContentAsString(), field))
                    .isEqualTo(JsonPath.read(unknown.getResponse().getContentAsString(), field));
        }
        assertThat(otherApp.getResponse().getContentAsString()).doesNotContain("+14155550113");
    }

    @Test
    void shouldShowExpiredOnceTheCodeLifetimeHasPassed() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550114");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThat(get(SHOP_KEY, id)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("expired");
        assertThat(redis.<String, String>opsForHash().get(RedisKeys.verification(id), VerificationFields.STATUS)).isEqualTo("pending");
    }

    @Test
    void shouldRequireAnApiKey() {
        assertThat(mvc.get().uri("/v1/verifications/{id}", UUID.randomUUID())).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    private MvcTestResult get(String apiKey, String id) {
        return mvc.get().uri("/v1/verifications/{id}", id).header(HttpHeaders.AUTHORIZATION, apiKey).exchange();
    }
}
