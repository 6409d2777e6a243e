package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * A code lives {@code voice-otp.code.ttl} (at most ten minutes), judged by the check itself with the service's
 * clock, not by Redis forgetting the key: the key outlives the code by the retention period.
 */
class CodeLifetimeTest extends VerifierIntegrationTest {

    private static final String CODE = "582046";

    @Test
    void shouldAcceptTheRightCodeOneMillisecondBeforeItsLifetimeEnds() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        clock.advance(codes.ttl().minus(Duration.ofMillis(1)));

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"approved\",\"valid\":true}".formatted(id));
    }

    @Test
    void shouldRefuseTheRightCodeTheMomentItsLifetimeEndsThoughRedisStillHoldsIt() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        clock.advance(codes.ttl());

        assertThat(redis.getExpire(RedisKeys.verification(id))).isPositive();
        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(verifications.hash(id))
                .containsEntry(VerificationFields.STATUS, "pending")
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldRefuseTheCodeOfAnExpiredVerificationWhenCheckedByNumberToo() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        verifications.pending(SHOP, phoneNumber, CODE);
        clock.advance(codes.ttl());

        assertThat(checkByNumber(SHOP_KEY, phoneNumber, CODE)).hasStatus(HttpStatus.NOT_FOUND);
    }
}
