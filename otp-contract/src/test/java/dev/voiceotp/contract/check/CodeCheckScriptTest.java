package dev.voiceotp.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.contract.verification.VerificationStatus;
import dev.voiceotp.testsupport.TestRedis;

/**
 * The atomic check on a real redis-server: single use, the attempt limit, expiry, the per-number failure budget and
 * the answers that must not tell an unknown id from another app's or an expired one (NIST SP 800-63B 5.1.3, 5.2.2;
 * OWASP ASVS 2.7).
 */
class CodeCheckScriptTest {

    private static final String APP = "demo";
    private static final long NOW = 4_102_444_800_000L; // 2100-01-01, so no key written here expires mid-test
    private static final int MAX_ATTEMPTS = 3;
    private static final CodeHasher HASHER = CodeHasher.fromSecret("a-code-secret-of-at-least-32-characters!");

    private static final AtomicInteger NUMBERS = new AtomicInteger(ThreadLocalRandom.current().nextInt(9_000));

    private static final StringRedisTemplate redis = TestRedis.template();
    // a budget of 4 wrong codes per number and hour, so the budget test needs two verifications
    private static final CodeCheckScript script = new CodeCheckScript(new CodeProperties(6, Duration.ofMinutes(10),
            MAX_ATTEMPTS, null, Duration.ofHours(1), 4, Duration.ofHours(1), List.of()));

    @Test
    void shouldApproveTheRightCodeOnceAndOnlyOnce() {
        String id = pendingVerification(uniqueNumber(), "123456");

        CheckOutcome first = check(id, "123456");
        CheckOutcome second = check(id, "123456");

        assertThat(first.result()).isEqualTo(CheckResult.APPROVED);
        assertThat(first.status()).isEqualTo(VerificationStatus.APPROVED);
        assertThat(first.transition()).isNotNull();
        assertThat(first.transition().country()).isEqualTo("US");
        assertThat(second.result()).isEqualTo(CheckResult.ALREADY_USED);
        assertThat(second.transition()).isNull();
    }

    @Test
    void shouldLetExactlyOneOfManyParallelRightCodesThrough() throws Exception {
        String id = pendingVerification(uniqueNumber(), "654321");
        List<Callable<CheckResult>> checks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            checks.add(() -> check(id, "654321").result());
        }

        List<CheckResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<CheckResult> result : pool.invokeAll(checks)) {
                results.add(result.get());
            }
        }

        assertThat(results).containsOnlyOnce(CheckResult.APPROVED);
        assertThat(results.stream().filter(r -> r == CheckResult.ALREADY_USED)).hasSize(15);
    }

    @Test
    void shouldCountWrongCodesDownAndLockOnceAtTheLimit() {
        String id = pendingVerification(uniqueNumber(), "111111");

        CheckOutcome first = check(id, "222222");
        CheckOutcome second = check(id, "333333");
        CheckOutcome third = check(id, "444444");
        CheckOutcome rightAfterLock = check(id, "111111");

        assertThat(first.result()).isEqualTo(CheckResult.WRONG_CODE);
        assertThat(first.attemptsRemaining()).isEqualTo(2);
        assertThat(second.attemptsRemaining()).isEqualTo(1);
        assertThat(third.result()).isEqualTo(CheckResult.LOCKED);
        assertThat(third.transition()).isNotNull();
        assertThat(rightAfterLock.result()).isEqualTo(CheckResult.LOCKED);
        assertThat(rightAfterLock.transition()).isNull();
        assertThat(redis.opsForHash().get(RedisKeys.verification(id), VerificationFields.STATUS))
                .isEqualTo(VerificationStatus.MAX_ATTEMPTS_REACHED.wireName());
    }

    @Test
    void shouldAnswerAnExpiredAnotherAppsAndAnUnknownVerificationAlike() {
        String expired = pendingVerification(uniqueNumber(), "123456", NOW - 1);
        String ours = pendingVerification(uniqueNumber(), "123456");

        assertThat(check(expired, "123456").result()).isEqualTo(CheckResult.NOT_FOUND);
        assertThat(script.run(redis, CheckTarget.byId("another-app", ours), HASHER.hash(ours, "123456"), NOW).result())
                .isEqualTo(CheckResult.NOT_FOUND);
        assertThat(check(UUID.randomUUID().toString(), "123456").result()).isEqualTo(CheckResult.NOT_FOUND);
        // none of them counted an attempt
        assertThat(redis.opsForHash().get(RedisKeys.verification(ours), VerificationFields.FAILED_ATTEMPTS))
                .isEqualTo("0");
        assertThat(check(ours, "123456").result()).isEqualTo(CheckResult.APPROVED);
    }

    @Test
    void shouldAcceptACodeHashedUnderASecretBeingRotatedOut() {
        CodeHasher previous = CodeHasher.fromSecret("the-previous-secret-of-at-least-32-chars");
        String id = pendingVerification(uniqueNumber(), "000000");
        redis.opsForHash().put(RedisKeys.verification(id), VerificationFields.CODE_HASH, previous.hash(id, "246810"));

        CheckOutcome currentOnly = script.run(redis, CheckTarget.byId(APP, id), HASHER.hash(id, "246810"), NOW);
        CheckOutcome bothSecrets = script.run(redis, CheckTarget.byId(APP, id),
                HASHER.hash(id, "246810") + " " + previous.hash(id, "246810"), NOW);

        assertThat(currentOnly.result()).isEqualTo(CheckResult.WRONG_CODE);
        assertThat(bothSecrets.result()).isEqualTo(CheckResult.APPROVED);
    }

    @Test
    void shouldSpendTheNumbersFailureBudgetAcrossItsVerifications() {
        String number = uniqueNumber();
        String first = pendingVerification(number, "111111");
        String second = pendingVerification(number, "111111");

        check(first, "000001");
        check(first, "000002");
        CheckOutcome third = check(second, "000003");
        CheckOutcome fourth = check(second, "000004");
        CheckOutcome rightCodeOnAFreshVerification = check(pendingVerification(number, "111111"), "111111");

        assertThat(third.result()).isEqualTo(CheckResult.WRONG_CODE);
        assertThat(fourth.result()).isEqualTo(CheckResult.BUDGET_EXHAUSTED);
        assertThat(fourth.transition()).isNotNull();
        assertThat(fourth.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(rightCodeOnAFreshVerification.result()).isEqualTo(CheckResult.BUDGET_EXHAUSTED);
        String otherNumber = pendingVerification(uniqueNumber(), "111111");
        assertThat(check(otherNumber, "111111").result()).isEqualTo(CheckResult.APPROVED);
    }

    private static CheckOutcome check(String id, String code) {
        return script.run(redis, CheckTarget.byId(APP, id), HASHER.hash(id, code), NOW);
    }

    private static String pendingVerification(String number, String code) {
        return pendingVerification(number, code, NOW + Duration.ofMinutes(10).toMillis());
    }

    private static String pendingVerification(String number, String code, long expiresAt) {
        String id = UUID.randomUUID().toString();
        redis.opsForHash().putAll(RedisKeys.verification(id), Map.of(
                VerificationFields.APP, APP,
                VerificationFields.STATUS, VerificationStatus.PENDING.wireName(),
                VerificationFields.PHONE, number,
                VerificationFields.COUNTRY, "US",
                VerificationFields.CREATED_AT, Long.toString(NOW - 1_000),
                VerificationFields.EXPIRES_AT, Long.toString(expiresAt),
                VerificationFields.FAILED_ATTEMPTS, "0",
                VerificationFields.CODE_HASH, HASHER.hash(id, code)));
        return id;
    }

    /** A number no other check of this run used: the failure budget counts per number. */
    private static String uniqueNumber() {
        return "+1415555" + String.format("%04d", NUMBERS.getAndIncrement() % 10_000);
    }
}
