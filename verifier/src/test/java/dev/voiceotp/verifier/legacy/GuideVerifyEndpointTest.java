package dev.voiceotp.verifier.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/** The guide's endpoint, enabled and bound to the {@code shop} app by the shared test configuration. */
class GuideVerifyEndpointTest extends VerifierIntegrationTest {

    private static final String VERIFIED = "{\"status\":\"success\",\"message\":\"codes match, number verified\"}";
    private static final String NOT_VERIFIED = "{\"status\":\"failure\",\"message\":\"codes do not match, number not verified\"}";

    @Test
    void shouldVerifyTheRightCodeOnceWithTheGuidesBodies() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String id = verifications.pending(SHOP, phoneNumber, "314159");

        assertThat(verify(phoneNumber, "314159")).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson().isStrictlyEqualTo(VERIFIED);
        assertThat(verify(phoneNumber, "314159")).hasStatusOk().bodyJson().isStrictlyEqualTo(NOT_VERIFIED);
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "approved");
    }

    @Test
    void shouldAcceptTheDigitsOnlyNumberThePlivoGuideUses() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        verifications.pending(SHOP, phoneNumber, "314159");

        assertThat(verify(phoneNumber.substring(1), "314159")).hasStatusOk().bodyJson().isStrictlyEqualTo(VERIFIED);
    }

    @Test
    void shouldCountAWrongCodeButNotAMalformedOne() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String id = verifications.pending(SHOP, phoneNumber, "314159");

        assertThat(verify(phoneNumber, "000000")).hasStatusOk().bodyJson().isStrictlyEqualTo(NOT_VERIFIED);
        assertThat(verify(phoneNumber, "abc")).hasStatusOk().bodyJson().isStrictlyEqualTo(NOT_VERIFIED);
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.FAILED_ATTEMPTS, "1");
    }

    @Test
    void shouldSpendAndRespectAFailureBudgetOfItsOwn() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String id = verifications.pending(SHOP, phoneNumber, "314159");
        redis.opsForValue().set(RedisKeys.guideRouteNumberFailures(phoneNumber), "9", Duration.ofMinutes(10));

        assertThat(verify(phoneNumber, "000000")).hasStatusOk().bodyJson().isStrictlyEqualTo(NOT_VERIFIED);
        assertThat(verify(phoneNumber, "314159")).hasStatusOk().bodyJson().isStrictlyEqualTo(NOT_VERIFIED);
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "max_attempts_reached");
    }

    @Test
    void shouldNotLetAnonymousGuessesLockTheNumberInOtherApps() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String banks = verifications.pending(BANK, phoneNumber, "271828");
        for (int guess = 0; guess < 12; guess++) {
            verifications.pending(SHOP, phoneNumber, "314159");
            verify(phoneNumber, "000000");
        }

        assertThat(redis.hasKey(RedisKeys.numberFailures(phoneNumber))).as("the budget every other app shares").isFalse();
        assertThat(checkCode(BANK_KEY, banks, "271828")).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("approved");
    }

    @Test
    void shouldAnswerAnUnknownNumberExactlyAsAWrongCode() {
        String banksNumber = Verifications.uniquePhoneNumber();
        verifications.pending(BANK, banksNumber, "314159");

        assertThat(verify(Verifications.uniquePhoneNumber(), "314159")).hasStatusOk().bodyJson().isStrictlyEqualTo(NOT_VERIFIED);
        assertThat(verify(banksNumber, "314159")).hasStatusOk().bodyJson().isStrictlyEqualTo(NOT_VERIFIED);
    }

    @Test
    void shouldRejectAnInvalidNumberWithAProblem() {
        assertThat(verify("12", "314159")).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("number");
    }

    private RestTestClientResponse verify(String number, String code) {
        return RestTestClientResponse.from(client.get().uri("/verify_otp/{number}/{code}", number, code).exchange());
    }
}
