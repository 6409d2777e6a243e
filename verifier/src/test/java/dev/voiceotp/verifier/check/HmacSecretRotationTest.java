package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * The code HMAC secret can be rotated without failing the codes in flight: while the old secret is listed in
 * {@code voice-otp.code.previous-hmac-secrets}, a code it issued still approves; a code hashed with any secret
 * not configured never does.
 */
class HmacSecretRotationTest extends VerifierIntegrationTest {

    private static final String CODE = "730915";

    @Test
    void shouldApproveACodeIssuedUnderTheSecretBeingRotatedOut() {
        String id = issuedUnder(PREVIOUS_HMAC_SECRET);

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"approved\",\"valid\":true}".formatted(id));
    }

    @Test
    void shouldNeverApproveACodeHashedWithASecretThatIsNotConfigured() {
        String id = issuedUnder("a-secret-this-installation-never-had-0123456789");

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"pending\",\"valid\":false,\"attemptsRemaining\":4}".formatted(id));
    }

    @Test
    void shouldStillApproveCodesIssuedUnderTheCurrentSecret() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatus(HttpStatus.OK).bodyJson()
                .extractingPath("$.valid").isEqualTo(true);
    }

    private String issuedUnder(String secret) {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), "000000");
        verifications.set(id, VerificationFields.CODE_HASH, CodeHasher.fromSecret(secret).hash(id, CODE));
        return id;
    }
}
