package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/** Many checks of one verification at once, through the real server: the script must keep them in line. */
class ConcurrentChecksTest extends VerifierIntegrationTest {

    private static final int PARALLEL = 50;
    private static final String CODE = "271828";

    record Answer(String id, String status, boolean valid, @Nullable Integer attemptsRemaining) {
    }

    @Test
    void shouldApproveExactlyOnceWhenTheRightCodeArrivesInParallel() throws Exception {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        List<Answer> answers = checkInParallel(id, CODE);

        assertThat(answers).filteredOn(Answer::valid).hasSize(1);
        assertThat(answers).extracting(Answer::status).containsOnly("approved");
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "approved");
    }

    @Test
    void shouldNeverCountMoreThanTheLimitWhenWrongCodesArriveInParallel() throws Exception {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        List<Answer> answers = checkInParallel(id, "000000");

        assertThat(answers).noneMatch(Answer::valid);
        assertThat(answers).filteredOn(answer -> answer.status().equals("pending"))
                .extracting(Answer::attemptsRemaining).containsExactlyInAnyOrder(4, 3, 2, 1);
        assertThat(answers).filteredOn(answer -> answer.status().equals("max_attempts_reached"))
                .hasSize(PARALLEL - 4).extracting(Answer::attemptsRemaining).containsOnly(0);
        assertThat(verifications.hash(id))
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, "5")
                .containsEntry(VerificationFields.STATUS, "max_attempts_reached");
    }

    private List<Answer> checkInParallel(String id, String code) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < PARALLEL; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return client.post().uri("/v1/verifications/{id}/checks", id)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + SHOP_KEY)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body("{\"code\":\"" + code + "\"}")
                            .exchange()
                            .expectStatus().isOk()
                            .expectBody(Answer.class).returnResult().getResponseBody();
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        }
    }
}
