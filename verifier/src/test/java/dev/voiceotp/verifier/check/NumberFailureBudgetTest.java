package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * The per-number failure budget (issue 4, item 4): 10 wrong codes per number per hour, over every verification
 * and app, whatever new codes were sent meanwhile.
 */
class NumberFailureBudgetTest extends VerifierIntegrationTest {

    private static final String CODE = "735102";
    private static final String WRONG = "000000";

    @Test
    void shouldRefuseEvenTheRightCodeOnceTheNumbersBudgetIsSpentAcrossNewCodesAndApps() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String first = verifications.pending(SHOP, phoneNumber, CODE);
        for (int i = 0; i < codes.maxAttempts(); i++) {
            checkCode(SHOP_KEY, first, WRONG);
        }
        String banks = verifications.pending(BANK, phoneNumber, "246802");
        for (int i = 0; i < 4; i++) {
            assertThat(checkCode(BANK_KEY, banks, WRONG)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("pending");
        }
        String newCode = verifications.pending(SHOP, phoneNumber, "918273");

        RestTestClientResponse exhausted = checkCode(SHOP_KEY, newCode, WRONG);
        assertThat(exhausted).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"title":"Too many failed attempts","status":429,"id":"%s","verificationStatus":"max_attempts_reached"}"""
                        .formatted(newCode));
        assertThat(retryAfterSeconds(exhausted)).isBetween(3590L, 3600L);
        assertThat(checkCode(BANK_KEY, banks, "246802")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);

        assertThat(redis.opsForValue().get(RedisKeys.numberFailures(phoneNumber))).isEqualTo("10");
        assertThat(verifications.hash(banks))
                .containsEntry(VerificationFields.STATUS, "max_attempts_reached")
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, "4")
                .containsEntry(VerificationFields.FAILURE_REASON, "number_failure_budget")
                .doesNotContainKey(VerificationFields.APPROVED_AT);
        assertThat(verifications.hash(newCode)).containsEntry(VerificationFields.STATUS, "max_attempts_reached");
        assertThat(checkCode(BANK_KEY, banks, "246802")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"id\":\"%s\",\"status\":\"max_attempts_reached\",\"valid\":false,\"attemptsRemaining\":0}".formatted(banks));
    }

    @Test
    void shouldKeepAFixedWindowAndAnswerWhatIsLeftOfIt() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String failuresKey = RedisKeys.numberFailures(phoneNumber);
        String first = verifications.pending(SHOP, phoneNumber, CODE);
        checkCode(SHOP_KEY, first, WRONG);
        assertThat(redis.getExpire(failuresKey)).isBetween(3590L, 3600L);
        redis.expire(failuresKey, Duration.ofSeconds(42));

        for (int i = 1; i < codes.maxAttempts(); i++) {
            checkCode(SHOP_KEY, first, WRONG);
        }
        String second = verifications.pending(SHOP, phoneNumber, CODE);
        for (int i = 0; i < 4; i++) {
            checkCode(SHOP_KEY, second, WRONG);
        }

        assertThat(redis.getExpire(failuresKey)).isBetween(35L, 42L);
        RestTestClientResponse exhausted = checkCode(SHOP_KEY, second, WRONG);
        assertThat(exhausted).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(retryAfterSeconds(exhausted)).isBetween(35L, 42L);
    }

    @Test
    void shouldLetTheNumberVerifyAgainOnceTheWindowHasPassed() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String failuresKey = RedisKeys.numberFailures(phoneNumber);
        String spent = verifications.pending(SHOP, phoneNumber, CODE);
        redis.opsForValue().set(failuresKey, "10", Duration.ofMinutes(30));
        assertThat(checkCode(SHOP_KEY, spent, CODE)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);

        redis.delete(failuresKey); // what Redis does when the window's expiry passes
        String next = verifications.pending(SHOP, phoneNumber, CODE);

        assertThat(checkCode(SHOP_KEY, next, CODE)).hasStatusOk().bodyJson().extractingPath("$.valid").isEqualTo(true);
    }

    @Test
    void shouldNotSpendTheBudgetOnMalformedCodesOrOnChecksThatFindNothing() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String id = verifications.pending(SHOP, phoneNumber, CODE);

        checkCode(SHOP_KEY, id, "12");
        checkCode(BANK_KEY, id, WRONG);
        checkByNumber(BANK_KEY, phoneNumber, WRONG);

        assertThat(redis.hasKey(RedisKeys.numberFailures(phoneNumber))).isFalse();
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.FAILED_ATTEMPTS, "0");
    }

    @Test
    void shouldNeverCountMoreThanTheBudgetWhenGuessesForOneNumberArriveInParallel() throws Exception {
        String phoneNumber = Verifications.uniquePhoneNumber();
        List<String> ids = List.of(verifications.pending(SHOP, phoneNumber, CODE),
                verifications.pending(SHOP, phoneNumber, CODE), verifications.pending(BANK, phoneNumber, CODE));

        List<Integer> statuses = guessInParallel(ids, 60);

        assertThat(statuses).doesNotContain(500).contains(429);
        assertThat(redis.opsForValue().get(RedisKeys.numberFailures(phoneNumber))).isEqualTo("10");
        assertThat(ids).map(verifications::hash).allSatisfy(hash ->
                assertThat(hash).containsEntry(VerificationFields.STATUS, "max_attempts_reached"));
        assertThat(ids.stream().mapToInt(id -> Integer.parseInt((String) verifications.hash(id).get(VerificationFields.FAILED_ATTEMPTS))).sum())
                .isEqualTo(10);
    }

    private static long retryAfterSeconds(RestTestClientResponse response) {
        return Long.parseLong(response.getExchangeResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    }

    private List<Integer> guessInParallel(List<String> ids, int guesses) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < guesses; i++) {
                String id = ids.get(i % ids.size());
                String key = verifications.hash(id).get(VerificationFields.APP).equals(SHOP) ? SHOP_KEY : BANK_KEY;
                answers.add(executor.submit(() -> {
                    start.await();
                    return checkCode(key, id, WRONG).getExchangeResult().getStatus().value();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }
}
