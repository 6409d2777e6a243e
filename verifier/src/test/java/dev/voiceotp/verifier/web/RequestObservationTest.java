package dev.voiceotp.verifier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import reactor.core.Disposable;

/** A check already sent to Redis must finish, and be counted and reported, even when its client hangs up. */
class RequestObservationTest {

    @Test
    void shouldLeaveTheWorkRunningWhenTheSubscriberGoesAway() {
        CompletableFuture<String> check = new CompletableFuture<>();
        CompletableFuture<String> reported = check.thenApply(outcome -> outcome + " and reported");

        Disposable request = RequestObservation.within(() -> reported).subscribe();
        request.dispose();
        check.complete("approved");

        assertThat(reported).isCompletedWithValue("approved and reported");
    }
}
