package dev.voiceotp.worker.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.WorkerTestConfig;

/**
 * While the code HMAC secret rotates, a code issued under the secret being rotated out is still accepted when it is
 * typed in the call, exactly as the verifier's API accepts it: both hash the typed code under every accepted secret.
 */
class InCallConfirmationRotationTest extends WorkerIntegrationTest {

    @Autowired
    private InCallConfirmation confirmation;

    @Test
    void shouldApproveACodeIssuedUnderThePreviousSecret() {
        VerificationRecord verification = pendingVerification(CodeHasher.fromSecret(WorkerTestConfig.PREVIOUS_HMAC_SECRET), "246810");

        assertThat(confirmation.confirm(verification, "246810")).isEqualTo(CheckResult.APPROVED);
        assertThat(verification(verification.id())).containsEntry("status", "approved");
    }

    @Test
    void shouldStillCountAWrongCodeAsAnAttempt() {
        VerificationRecord verification = pendingVerification(CodeHasher.fromSecret(WorkerTestConfig.PREVIOUS_HMAC_SECRET), "246810");

        assertThat(confirmation.confirm(verification, "135791")).isEqualTo(CheckResult.WRONG_CODE);
        assertThat(verification(verification.id())).containsEntry("status", "pending").containsEntry("failedAttempts", "1");
    }

    private VerificationRecord pendingVerification(CodeHasher issuer, String code) {
        String id = UUID.randomUUID().toString();
        long now = Instant.now().toEpochMilli();
        redis.opsForHash().putAll(RedisKeys.verification(id), Map.of("app", "shop", "phone", nextNumber(), "country", "US",
                "status", "pending", "createdAt", Long.toString(now), "expiresAt", Long.toString(now + 600_000),
                "failedAttempts", "0", "codeHash", issuer.hash(id, code)));
        return VerificationRecord.fromHash(id, verification(id)).orElseThrow();
    }
}
