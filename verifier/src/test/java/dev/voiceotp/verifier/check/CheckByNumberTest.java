package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

class CheckByNumberTest extends VerifierIntegrationTest {

    @Test
    void shouldCheckTheNewestVerificationForTheNumber() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String older = verifications.pending(SHOP, phoneNumber, "123123");
        String newest = verifications.pending(SHOP, phoneNumber, "456456");

        assertThat(checkByNumber(SHOP_KEY, phoneNumber, "123123")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"pending\",\"valid\":false,\"attemptsRemaining\":4}".formatted(newest));
        assertThat(checkByNumber(SHOP_KEY, phoneNumber, "456456")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"approved\",\"valid\":true}".formatted(newest));
        assertThat(verifications.hash(older))
                .containsEntry(VerificationFields.STATUS, "pending")
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldAnswerNotFoundForANumberWithoutVerification() {
        assertThat(checkByNumber(SHOP_KEY, Verifications.uniquePhoneNumber(), "123123"))
                .hasStatus(HttpStatus.NOT_FOUND).bodyJson()
                .isLenientlyEqualTo("{\"title\":\"Not found\",\"detail\":\"No pending verification for this number.\"}");
    }

    @Test
    void shouldNotFindAnotherAppsVerificationForTheNumber() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String banks = verifications.pending(BANK, phoneNumber, "123123");

        assertThat(checkByNumber(SHOP_KEY, phoneNumber, "123123")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(verifications.hash(banks)).containsEntry(VerificationFields.STATUS, "pending");
    }

    @Test
    void shouldNeverApproveANumberWithAVerificationIssuedForAnotherNumber() {
        String callersNumber = Verifications.uniquePhoneNumber();
        String victimsNumber = Verifications.uniquePhoneNumber();
        String heardByTheCaller = verifications.pending(SHOP, callersNumber, "123123");
        verifications.indexUnder(SHOP, victimsNumber, heardByTheCaller);

        assertThat(checkByNumber(SHOP_KEY, victimsNumber, "123123")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(verifications.hash(heardByTheCaller))
                .containsEntry(VerificationFields.STATUS, "pending")
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldNotLetAVerificationWithAnAllZeroIdStandInForNumbersWithoutOne() {
        String callersNumber = Verifications.uniquePhoneNumber();
        verifications.pending("00000000-0000-0000-0000-000000000000", SHOP, callersNumber, "123123");

        assertThat(checkByNumber(SHOP_KEY, Verifications.uniquePhoneNumber(), "123123")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(OtpRequest.isWellFormedVerificationId(CodeChecker.NO_VERIFICATION))
                .as("no request can create a verification under the id checked for numbers without one").isFalse();
    }

    @Test
    void shouldRejectANumberThatIsNotE164() {
        assertThat(checkByNumber(SHOP_KEY, "4155550123", "123123")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("phoneNumber");
    }
}
