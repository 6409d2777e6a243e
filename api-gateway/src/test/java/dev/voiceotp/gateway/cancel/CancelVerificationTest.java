package dev.voiceotp.gateway.cancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CheckTarget;
import dev.voiceotp.contract.check.CodeCheckScript;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpEventsTopic;

/** {@code POST /v1/verifications/{id}/cancel}: the pending code stops working; finished ones cannot be canceled. */
class CancelVerificationTest extends GatewayIntegrationTest {

    @Autowired
    private CodeProperties codes;

    @Test
    void shouldCancelAPendingVerificationSoItsCodeStopsWorking() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550211");
        redis.opsForHash().put(RedisKeys.verification(id), "codeHash", "the-code-hash");

        MvcTestResult result = cancel(SHOP_KEY, id);

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(id);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("canceled");
        assertThat(result).bodyJson().extractingPath("$.failureReason").isEqualTo("canceled_by_app");
        assertThat(result).bodyJson().asString().doesNotContain("the-code-hash");
        assertThat(hash(id)).containsEntry("status", "canceled").containsKey("canceledAt");
        assertThat(new CodeCheckScript(codes).run(redis, CheckTarget.byId("shop", id), "the-code-hash", clock.millis()).result())
                .isEqualTo(CheckResult.CLOSED);
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), id)).isNull();
        assertThat(get(SHOP_KEY, id)).bodyJson().extractingPath("$.status").isEqualTo("canceled");
    }

    @Test
    void shouldPublishACanceledEventAndCountIt() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550212");

        cancel(SHOP_KEY, id);

        assertThat(OtpEventsTopic.awaitEvent("shop", id, "canceled")).filteredOn(event -> "canceled".equals(event.value().path("type").asString())).last().satisfies(event -> {
            assertThat(event.value().path("reason").asString()).isEqualTo("canceled_by_app");
            assertThat(event.value().path("country").asString()).isEqualTo("US");
        });
        assertThat(scrape()).containsPattern("otp_verifications_canceled_total\\{app=\"shop\",application=\"api-gateway\"} [1-9]");
    }

    @Test
    void shouldAnswer409WithTheStatusForAVerificationThatAlreadyFinished() throws Exception {
        String canceled = createdId(SHOP_KEY, "+14155550213");
        cancel(SHOP_KEY, canceled);
        String approved = createdId(SHOP_KEY, "+14155550214");
        redis.opsForHash().put(RedisKeys.verification(approved), "status", "approved");

        assertThat(cancel(SHOP_KEY, canceled)).hasStatus(HttpStatus.CONFLICT)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("{\"status\":409,\"verificationStatus\":\"canceled\"}");
        assertThat(cancel(SHOP_KEY, approved)).hasStatus(HttpStatus.CONFLICT);
        assertThat(hash(approved)).containsEntry("status", "approved");
    }

    @Test
    void shouldNotCancelAnExpiredVerification() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550215");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThat(cancel(SHOP_KEY, id)).hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.detail").asString().contains("expired");
        assertThat(hash(id)).containsEntry("status", "pending");
    }

    @Test
    void shouldAnswerAnotherAppsVerificationExactlyLikeAnUnknownIdAndLeaveItAlone() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550216");

        MvcTestResult otherApp = cancel(OTHER_KEY, id);
        MvcTestResult unknown = cancel(OTHER_KEY, UUID.randomUUID().toString());

        assertThat(otherApp).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND);
        for (String field : new String[] {"$.status", "$.title", "$.detail"}) {
            assertThat(JsonPath.<Object>read(otherApp.getResponse().getContentAsString(), field))
                    .isEqualTo(JsonPath.read(unknown.getResponse().getContentAsString(), field));
        }
        assertThat(hash(id)).containsEntry("status", "pending");
    }

    @Test
    void shouldRequireAnApiKey() {
        assertThat(mvc.post().uri("/v1/verifications/{id}/cancel", UUID.randomUUID())).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    private MvcTestResult cancel(String apiKey, String id) {
        return mvc.post().uri("/v1/verifications/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, apiKey).exchange();
    }

    private MvcTestResult get(String apiKey, String id) {
        return mvc.get().uri("/v1/verifications/{id}", id).header(HttpHeaders.AUTHORIZATION, apiKey).exchange();
    }
}
