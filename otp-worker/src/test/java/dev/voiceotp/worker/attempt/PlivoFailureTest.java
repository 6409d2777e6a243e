package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.testsupport.EventTopicReader;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.WorkerTestConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Plivo's failures through the real SDK: transient ones are retried from the call schedule without holding
 * up the partition, permanent ones fail the verification at once, and a request that timed out is never
 * placed twice.
 */
class PlivoFailureTest extends WorkerIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldRetryServerErrorsAndPlaceExactlyOneCall() {
        OtpRequest request = newRequest();
        // the SDK tries Plivo's two fallback hosts after a 5xx: three 500s make one failed attempt
        sandbox.scenario(Map.of("number", request.phoneNumber(), "count", 3, "api", "server_error"));
        double retriesBefore = retries("server_error");
        publish(request);

        await().atMost(seconds(30)).until(() -> sandbox.heardCode(request.phoneNumber()) != null);

        assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1);
        assertThat(verification(request.verificationId())).containsEntry("callRetries", "1").containsEntry("callAttempts", "1");
        assertThat(retries("server_error")).isEqualTo(retriesBefore + 1);
    }

    @Test
    void shouldRetryWhenRateLimited() {
        OtpRequest request = newRequest();
        sandbox.scenario(Map.of("number", request.phoneNumber(), "count", 2, "api", "rate_limited"));
        publish(request);

        await().atMost(seconds(30)).until(() -> sandbox.heardCode(request.phoneNumber()) != null);

        assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1);
        assertThat(verification(request.verificationId())).containsEntry("callRetries", "2");
    }

    @Test
    void shouldNotHoldUpOtherNumbersWhileOneIsRetried() {
        OtpRequest failing = newRequest();
        OtpRequest other = newRequest(numberOnTheSamePartitionAs(failing.phoneNumber()));
        sandbox.scenario(Map.of("number", failing.phoneNumber(), "count", 9, "api", "server_error"));
        publish(failing);
        publish(other);

        await().atMost(seconds(30)).until(() -> sandbox.heardCode(failing.phoneNumber()) != null);

        Instant otherCalled = Instant.parse(sandbox.callsTo(other.phoneNumber()).getFirst().path("apiRequestedAt").asString());
        Instant failingCalled = Instant.parse(sandbox.callsTo(failing.phoneNumber()).getFirst().path("apiRequestedAt").asString());
        assertThat(otherCalled).isBefore(failingCalled);
        assertThat(verification(failing.verificationId())).containsEntry("callRetries", "3");
    }

    @Test
    void shouldClaimTheNextRequestWhilePlivoIsStillAnsweringForThePreviousOne() {
        plivoAnswered();
        OtpRequest first = newRequest();
        List<OtpRequest> requests = List.of(first, newRequest(numberOnTheSamePartitionAs(first.phoneNumber())),
                newRequest(numberOnTheSamePartitionAs(first.phoneNumber())));
        // each Call API request is answered 1.5 s after the call is fired, inside the worker's 2 s read timeout
        requests.forEach(request -> sandbox.scenario(Map.of("number", request.phoneNumber(), "api", "slow", "apiDelayMs", 1500)));
        requests.forEach(WorkerIntegrationTest::publish);

        await().atMost(seconds(30)).untilAsserted(() -> requests.forEach(request -> assertThat(verification(request.verificationId()))
                .containsEntry("callAttempts", "1").containsEntry("callState", "placed")));

        // one listener thread takes a partition's records one by one: the last request reached Plivo before the first
        // one's answer could have come back, so the listener did not wait for Plivo's answer before the next request
        Instant firstAnsweredNoSoonerThan = apiRequestedAt(first).plusMillis(1500);
        assertThat(apiRequestedAt(requests.getLast())).isBefore(firstAnsweredNoSoonerThan);
        requests.forEach(request -> assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1));
    }

    @Test
    void shouldFailAtOnceWhenPlivoRefusesTheNumber() {
        OtpRequest invalid = newRequest();
        OtpRequest barred = newRequest();
        sandbox.scenario(Map.of("number", invalid.phoneNumber(), "api", "invalid_number"));
        sandbox.scenario(Map.of("number", barred.phoneNumber(), "api", "geo_barred"));
        try (EventTopicReader events = new EventTopicReader()) {
            publish(invalid);
            publish(barred);

            await().atMost(seconds(30)).untilAsserted(() -> {
                assertThat(verification(invalid.verificationId())).containsEntry("status", "failed")
                        .containsEntry("failureReason", "invalid_request").doesNotContainKey("codeHash");
                assertThat(verification(barred.verificationId())).containsEntry("status", "failed")
                        .containsEntry("failureReason", "destination_not_permitted");
            });
            await().atMost(seconds(10)).untilAsserted(() -> assertThat(events.of("shop", barred.verificationId()))
                    .singleElement().satisfies(event -> {
                        assertThat(event.type()).isEqualTo("failed");
                        assertThat(event.value().path("reason").asString()).isEqualTo("destination_not_permitted");
                    }));
            assertThat(sandbox.callsTo(invalid.phoneNumber())).isEmpty();
            assertThat(meters.get("otp.calls.ended").tag("status", "refused").counter().count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shouldNeverCallTwiceWhenTheCallReportsBeforePlivoAnswersTooLate() {
        OtpRequest request = newRequest();
        // the sandbox fires the call, then holds its answer longer than the worker's 2 s read timeout: the call's
        // callbacks arrive before the worker gives up on the answer
        sandbox.scenario(Map.of("number", request.phoneNumber(), "api", "slow", "apiDelayMs", 4000));
        double timeoutRetriesBefore = retries("timeout");
        publish(request);

        await().atMost(seconds(30)).until(() -> sandbox.heardCode(request.phoneNumber()) != null);
        await().atMost(seconds(10)).untilAsserted(() -> assertThat(verification(request.verificationId()))
                .containsEntry("callState", "placed").containsEntry("callAttempts", "1").containsEntry("callStatus", "completed"));

        // the wait for a callback of a timed-out request is 5 s: no retry may follow it
        await().during(Duration.ofSeconds(7)).atMost(seconds(10)).untilAsserted(() ->
                assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1));
        assertThat(retries("timeout")).isEqualTo(timeoutRetriesBefore);
    }

    @Test
    void shouldTakeALateCallbackAsTheCallOfARequestThatTimedOutAndNeverCallAgain() {
        OtpRequest request = newRequest();
        // the sandbox holds the request 3 s and fires the call only then: the worker's 2 s read timeout has passed, so
        // only the call's callbacks can tell it that the call exists (the tests' worker waits 5 s for them)
        sandbox.scenario(Map.of("number", request.phoneNumber(), "count", 1, "api", "late", "apiDelayMs", 3000));
        double timeoutRetriesBefore = retries("timeout");
        publish(request);

        String codeHash = codeHashOnceAmbiguous(request);
        await().atMost(seconds(30)).until(() -> sandbox.heardCode(request.phoneNumber()) != null);
        await().atMost(seconds(10)).untilAsserted(() -> assertThat(verification(request.verificationId()))
                .containsEntry("callState", "placed").containsEntry("callAttempts", "1").containsEntry("codeHash", codeHash));

        await().during(Duration.ofSeconds(7)).atMost(seconds(10)).untilAsserted(() ->
                assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1));
        assertThat(retries("timeout")).isEqualTo(timeoutRetriesBefore);
    }

    @Test
    void shouldPlaceARequestThatTimedOutAgainWithANewCodeOnceNoCallbackCame() {
        OtpRequest request = newRequest();
        // the first request is held past the worker's 2 s read timeout and never becomes a call (its late 500 is never
        // read); once the 5 s wait for a callback is over the worker places the call again, with a fresh code
        sandbox.scenario(Map.of("number", request.phoneNumber(), "count", 1, "api", "server_error", "apiDelayMs", 4000));
        double timeoutRetriesBefore = retries("timeout");
        publish(request);

        String firstCodeHash = codeHashOnceAmbiguous(request);
        await().atMost(seconds(30)).until(() -> sandbox.heardCode(request.phoneNumber()) != null);
        await().atMost(seconds(10)).untilAsserted(() -> assertThat(verification(request.verificationId()))
                .containsEntry("callState", "placed").containsEntry("callAttempts", "1").containsKey("codeHash")
                .doesNotContainEntry("codeHash", firstCodeHash));

        assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1);
        assertThat(retries("timeout")).isEqualTo(timeoutRetriesBefore + 1);
    }

    @Test
    void shouldSendOneCallAttemptAtATimeWhilePlivoFails() {
        OtpRequest unanswered = newRequest();
        // answered after the worker's 2 s read timeout: the attempt fails, and Plivo counts as failing
        sandbox.scenario(Map.of("number", unanswered.phoneNumber(), "api", "slow", "apiDelayMs", 4000));
        publish(unanswered);
        await().atMost(seconds(15)).until(() -> meters.get("otp.calls.in.flight.limit").gauge().value() == 1.0);

        OtpRequest probe = newRequest();
        OtpRequest next = newRequest(numberOnTheSamePartitionAs(probe.phoneNumber()));
        // the probe is answered 1.5 s after it is sent, inside the read timeout
        sandbox.scenario(Map.of("number", probe.phoneNumber(), "api", "slow", "apiDelayMs", 1500));
        publish(probe);
        publish(next);

        await().atMost(seconds(30)).untilAsserted(() -> List.of(probe, next).forEach(request -> assertThat(verification(request.verificationId()))
                .containsEntry("callAttempts", "1").containsEntry("callState", "placed")));
        // the next request waited, unclaimed, until Plivo had answered the probe
        assertThat(apiRequestedAt(next)).isAfterOrEqualTo(apiRequestedAt(probe).plusMillis(1500));
        assertThat(meters.get("otp.calls.in.flight.limit").gauge().value()).as("the whole room again").isGreaterThan(1.0);
        List.of(unanswered, probe, next).forEach(request -> assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1));
    }

    /** Plivo answers a call, so the worker has its whole room for call attempts again, whatever earlier tests did. */
    private void plivoAnswered() {
        OtpRequest request = newRequest();
        publish(request);
        await().atMost(seconds(30)).untilAsserted(() -> assertThat(verification(request.verificationId())).containsEntry("callState", "placed"));
    }

    private Instant apiRequestedAt(OtpRequest request) {
        return Instant.parse(sandbox.callsTo(request.phoneNumber()).getFirst().path("apiRequestedAt").asString());
    }

    private double retries(String reason) {
        var counter = meters.find("otp.call.retries").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The code's hash while the worker waits to hear whether a timed-out request became a call. */
    private String codeHashOnceAmbiguous(OtpRequest request) {
        await().atMost(seconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(verification(request.verificationId()))
                .containsEntry("callState", "ambiguous").containsKey("codeHash"));
        return verification(request.verificationId()).get("codeHash");
    }

    /** A fresh number whose requests land on the same partition of the requests topic (Kafka's default partitioner). */
    private static String numberOnTheSamePartitionAs(String number) {
        int partition = partitionOf(number);
        String candidate = nextNumber();
        while (partitionOf(candidate) != partition) {
            candidate = nextNumber();
        }
        return candidate;
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % WorkerTestConfig.REQUEST_PARTITIONS;
    }

}
