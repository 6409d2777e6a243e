package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

class CheckByIdTest extends VerifierIntegrationTest {

    private static final String CODE = "493817";
    private static final String WRONG_CODE = "111111";

    @Autowired
    private MeterRegistry meters;

    @Test
    void shouldApproveTheRightCodeExactlyOnce() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"approved\",\"valid\":true}".formatted(id));
        assertThat(verifications.hash(id))
                .containsEntry(VerificationFields.STATUS, "approved")
                .containsEntry("approvedAt", Long.toString(clock.millis()));

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"approved\",\"valid\":false}".formatted(id));
    }

    @Test
    void shouldCountAWrongCodeAndTellHowManyAttemptsRemain() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(checkCode(SHOP_KEY, id, WRONG_CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"pending\",\"valid\":false,\"attemptsRemaining\":4}".formatted(id));
        assertThat(verifications.hash(id))
                .containsEntry(VerificationFields.STATUS, "pending")
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, "1");
    }

    @Test
    void shouldLockAfterFiveWrongCodes() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        for (int attempt = 1; attempt < codes.maxAttempts(); attempt++) {
            assertThat(checkCode(SHOP_KEY, id, WRONG_CODE)).bodyJson()
                    .extractingPath("$.attemptsRemaining").isEqualTo(codes.maxAttempts() - attempt);
        }

        assertThat(checkCode(SHOP_KEY, id, WRONG_CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"max_attempts_reached\",\"valid\":false,\"attemptsRemaining\":0}".formatted(id));
        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"max_attempts_reached\",\"valid\":false,\"attemptsRemaining\":0}".formatted(id));
        assertThat(verifications.hash(id))
                .containsEntry(VerificationFields.STATUS, "max_attempts_reached")
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, "5");
    }

    @Test
    void shouldAnswerUnknownExpiredAndForeignIdsWithTheSameNotFound() {
        String foreign = verifications.pending(BANK, Verifications.uniquePhoneNumber(), CODE);
        String expiring = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        clock.advance(codes.ttl().plus(Duration.ofMillis(1)));

        RestTestClientResponse unknown = checkCode(SHOP_KEY, UUID.randomUUID().toString(), CODE);
        RestTestClientResponse expired = checkCode(SHOP_KEY, expiring, CODE);
        RestTestClientResponse otherApps = checkCode(SHOP_KEY, foreign, CODE);

        assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("{\"title\":\"Not found\",\"detail\":\"No pending verification with this id.\",\"status\":404}");
        assertThat(withoutInstance(expired)).isEqualTo(withoutInstance(unknown));
        assertThat(withoutInstance(otherApps)).isEqualTo(withoutInstance(unknown));
        assertThat(verifications.hash(expiring)).containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldNeverApproveAVerificationWithTheCodeOfAnotherForTheSameNumber() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String first = verifications.pending(SHOP, phoneNumber, CODE);
        String second = verifications.pending(SHOP, phoneNumber, "600600");
        // the first's stored hash put on the second: what it hashes is the code bound to the first's id, so the
        // first's code must not approve the second (an unbound hash of the code alone would)
        redis.opsForHash().put(RedisKeys.verification(second), VerificationFields.CODE_HASH,
                verifications.hash(first).get(VerificationFields.CODE_HASH));

        assertThat(checkCode(SHOP_KEY, second, CODE)).hasStatusOk().bodyJson()
                .extractingPath("$.valid").isEqualTo(false);
        assertThat(verifications.hash(second)).containsEntry(VerificationFields.STATUS, "pending");
        assertThat(checkCode(SHOP_KEY, first, CODE)).hasStatusOk().bodyJson()
                .extractingPath("$.valid").isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "canceled"})
    void shouldReportAClosedVerificationWithoutCountingAnAttempt(String status) {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        verifications.set(id, VerificationFields.STATUS, status);

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"%s\",\"valid\":false}".formatted(id, status));
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldCountACheckAsWrongWhileTheCodeIsNotIssuedYet() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        verifications.remove(id, VerificationFields.CODE_HASH);

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"pending\",\"valid\":false,\"attemptsRemaining\":4}".formatted(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"12345\"", "\"1234567\"", "\"12a456\"", "\"１２３４５６\"", "\"\"", "null"})
    void shouldRejectAMalformedCodeWithoutCountingAnAttempt(String codeJson) {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(checkById(SHOP_KEY, id, "{\"code\":" + codeJson + "}")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("code");
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldNameTheMissingCodeField() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(checkById(SHOP_KEY, id, "{}")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .isLenientlyEqualTo("{\"errors\":[{\"field\":\"code\",\"reason\":\"is required\"}]}");
    }

    @Test
    void shouldRejectMalformedJson() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(checkById(SHOP_KEY, id, "{\"code\": 49")).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("body");
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldNameTheBodyWhenItIsMissing() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(RestTestClientResponse.from(client.post().uri("/v1/verifications/{id}/checks", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SHOP_KEY)
                .contentType(MediaType.APPLICATION_JSON).exchange()))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void shouldRefuseABodyFarLargerThanACheckWithoutReadingIt() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        String padding = "x".repeat(10_000);

        assertThat(checkById(SHOP_KEY, id, "{\"code\":\"" + CODE + "\",\"note\":\"" + padding + "\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("body");
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "pending");
    }

    @Test
    void shouldAnswerAPathThatIsNoEndpointWithAProblem() {
        assertThat(RestTestClientResponse.from(client.get().uri("/v1/verifications/{id}/checks", UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SHOP_KEY).exchange()))
                .hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldRequireAnApiKey() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(RestTestClientResponse.from(client.post().uri("/v1/verifications/{id}/checks", id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"code\":\"" + CODE + "\"}").exchange()))
                .hasStatus(HttpStatus.UNAUTHORIZED).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(checkCode("not-a-key", id, CODE)).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "pending");
    }

    @Test
    void shouldRejectBodiesThatAreNotJson() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(RestTestClientResponse.from(client.post().uri("/v1/verifications/{id}/checks", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SHOP_KEY)
                .contentType(MediaType.TEXT_PLAIN).body("code=" + CODE).exchange()))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "pending");
    }

    @Test
    void shouldStillCheckAfterRedisForgotTheScript() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        redis.execute((RedisCallback<Void>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson().extractingPath("$.valid").isEqualTo(true);
    }

    @Test
    void shouldCountChecksByResultAndApp() {
        String id = verifications.pending(BANK, Verifications.uniquePhoneNumber(), CODE);
        double approvedBefore = count(BANK, CheckResult.APPROVED);
        double wrongBefore = count(BANK, CheckResult.WRONG_CODE);
        double invalidBefore = count(BANK, CheckResult.INVALID);

        checkCode(BANK_KEY, id, WRONG_CODE);
        checkCode(BANK_KEY, id, "12");
        checkCode(BANK_KEY, id, CODE);

        assertThat(count(BANK, CheckResult.WRONG_CODE)).isEqualTo(wrongBefore + 1);
        assertThat(count(BANK, CheckResult.INVALID)).isEqualTo(invalidBefore + 1);
        assertThat(count(BANK, CheckResult.APPROVED)).isEqualTo(approvedBefore + 1);
        // the public port serves no actuator: the management port does
        assertThat(RestTestClientResponse.from(client.get().uri("/actuator/prometheus").exchange())).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(RestTestClientResponse.from(management.get().uri("/actuator/prometheus").exchange()))
                .hasStatusOk().bodyText()
                .contains("otp_checks_total{app=\"bank\",application=\"verifier\",result=\"approved\"}")
                .doesNotContain(id);
    }

    private double count(String app, CheckResult result) {
        return meters.get(CheckMetrics.CHECKS).tag("app", app).tag("result", result.tag()).counter().count();
    }

    private static Map<String, Object> withoutInstance(RestTestClientResponse response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JsonMapper.shared().readValue(response.getExchangeResult().getResponseBodyContent(), Map.class);
        body.remove("instance");
        return body;
    }
}
