package dev.voiceotp.verifier.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * Several instances sweeping at once: each due id must be taken, and reported, by exactly one of them. The ids
 * here fall due a day ahead of the shared clock, out of reach of the context's own scheduled sweep.
 */
class DueExpiriesTest extends VerifierIntegrationTest {

    private static final int VERIFICATIONS = 150;
    private static final int INSTANCES = 4;

    @Autowired
    private DueExpiries due;

    @Test
    void shouldGiveEachDueIdToExactlyOneOfSeveralSweepers() throws Exception {
        long dayAhead = clock.millis() + Duration.ofDays(1).toMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < VERIFICATIONS; i++) {
            String id = verifications.pending(i % 2 == 0 ? SHOP : BANK, Verifications.uniquePhoneNumber(), "123456");
            verifications.set(id, VerificationFields.EXPIRES_AT, Long.toString(dayAhead - i));
            verifications.awaitExpiry(id);
            ids.add(id);
        }

        ConcurrentLinkedQueue<ExpiredVerification> reported = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try (ExecutorService sweepers = Executors.newFixedThreadPool(INSTANCES)) {
            for (int i = 0; i < INSTANCES; i++) {
                runs.add(sweepers.submit(() -> {
                    start.await();
                    DueExpiries.Batch batch;
                    do {
                        batch = due.take(dayAhead, 7);
                        reported.addAll(batch.expired());
                    } while (batch.taken() > 0);
                    return null;
                }));
            }
            start.countDown();
        }
        for (Future<?> run : runs) {
            run.get();
        }

        assertThat(reported).extracting(ExpiredVerification::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(reported).filteredOn(verification -> verification.id().equals(ids.get(1)))
                .singleElement().satisfies(verification -> {
                    assertThat(verification.appId()).isEqualTo(BANK);
                    assertThat(verification.region()).isEqualTo("US");
                    assertThat(verification.expiresAt().toEpochMilli()).isEqualTo(dayAhead - 1);
                });
        assertThat(redis.opsForZSet().rangeByScore(RedisKeys.pendingExpiries(), dayAhead - VERIFICATIONS, dayAhead)).isEmpty();
    }
}
