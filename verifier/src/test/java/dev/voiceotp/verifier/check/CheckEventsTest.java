package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import dev.voiceotp.contract.check.ApprovalMetrics;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.testsupport.EventTopicReader;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;

/**
 * {@code approved} and {@code locked} events on the real broker, and the approval meters: published and counted by
 * the one check that changed the verification, never by the checks around it.
 */
class CheckEventsTest extends VerifierIntegrationTest {

    private static final String CODE = "860431";
    private static final String WRONG = "000000";
    /** How long a single event must stay single: longer than a send takes here, short enough for the suite. */
    private static final Duration STAYS_ALONE = Duration.ofMillis(800);

    private static EventTopicReader events;

    @Autowired
    private MeterRegistry meters;

    @BeforeAll
    static void readEvents() {
        events = new EventTopicReader();
    }

    @AfterAll
    static void stopReading() {
        events.close();
    }

    @Test
    void shouldPublishApprovedOnceAndCountItByTheStoredCountry() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        verifications.set(id, VerificationFields.COUNTRY, "GB");
        double approvedBefore = approvals(SHOP, "GB");
        long timedBefore = timeToVerify(SHOP).count();
        clock.advance(Duration.ofSeconds(42));

        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson().extractingPath("$.valid").isEqualTo(true);
        assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("approved");

        awaitOnly(SHOP, id, "approved");
        JsonNode event = events.of(SHOP, id).getFirst().value();
        assertThat(event.get("country").asString()).isEqualTo("GB");
        assertThat(event.get("appId").asString()).isEqualTo(SHOP);
        assertThat(event.toString()).doesNotContain(CODE).doesNotContain(verifications.hash(id).get(VerificationFields.PHONE).toString());
        assertThat(approvals(SHOP, "GB")).isEqualTo(approvedBefore + 1);
        assertThat(timeToVerify(SHOP).count()).isEqualTo(timedBefore + 1);
        assertThat(timeToVerify(SHOP).max(java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(42);
    }

    @Test
    void shouldDeriveTheCountryFromTheNumberWhenTheVerificationHasNone() {
        String id = verifications.pending(BANK, Verifications.uniquePhoneNumber(), CODE);
        double approvedBefore = approvals(BANK, "US");

        checkCode(BANK_KEY, id, CODE);

        awaitOnly(BANK, id, "approved");
        assertThat(events.of(BANK, id).getFirst().value().get("country").asString()).isEqualTo("US");
        assertThat(approvals(BANK, "US")).isEqualTo(approvedBefore + 1);
        assertThat(RestTestClientResponse.from(management.get().uri("/actuator/prometheus").exchange())).bodyText()
                .contains("otp_verifications_approved_total{app=\"bank\",application=\"verifier\",country=\"US\"}")
                .contains("otp_time_to_verify_seconds_bucket{app=\"bank\",application=\"verifier\"");
    }

    @Test
    void shouldPublishOneApprovedEventWhenTheRightCodeArrivesInParallel() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 20).forEach(i -> executor.submit(() -> checkCode(SHOP_KEY, id, CODE)));
        }

        awaitOnly(SHOP, id, "approved");
    }

    @Test
    void shouldPublishLockedOnceWhenTheLastAttemptIsSpent() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        for (int i = 0; i < codes.maxAttempts() + 2; i++) {
            checkCode(SHOP_KEY, id, WRONG);
        }
        checkCode(SHOP_KEY, id, CODE);

        awaitOnly(SHOP, id, "locked");
        assertThat(events.of(SHOP, id).getFirst().value().get("reason").asString()).isEqualTo("max_attempts");
    }

    @Test
    void shouldPublishLockedWhenTheNumbersFailureBudgetRunsOut() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String id = verifications.pending(BANK, phoneNumber, CODE);
        redis.opsForValue().set(RedisKeys.numberFailures(phoneNumber), "9", Duration.ofMinutes(10));

        assertThat(checkCode(BANK_KEY, id, WRONG)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(checkCode(BANK_KEY, id, CODE)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("max_attempts_reached");

        awaitOnly(BANK, id, "locked");
        assertThat(events.of(BANK, id).getFirst().value().get("reason").asString()).isEqualTo("number_failure_budget");
    }

    @Test
    void shouldPublishNothingForWrongCodesThatLeaveTheVerificationPending() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        String marker = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);

        checkCode(SHOP_KEY, id, WRONG);
        checkCode(SHOP_KEY, marker, CODE);

        awaitOnly(SHOP, marker, "approved");
        await().during(STAYS_ALONE).atMost(STAYS_ALONE.multipliedBy(3)).until(() -> events.of(SHOP, id).isEmpty());
    }

    /** The event arrives, and no second one follows it. */
    private void awaitOnly(String appId, String id, String type) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(appId, id).isEmpty());
        await().during(STAYS_ALONE).atMost(STAYS_ALONE.multipliedBy(3))
                .until(() -> events.typesOf(appId, id).equals(List.of(type)));
    }

    private double approvals(String app, String country) {
        Counter counter = meters.find(ApprovalMetrics.APPROVED).tag("app", app).tag("country", country).counter();
        return counter == null ? 0 : counter.count();
    }

    private Timer timeToVerify(String app) {
        return meters.get(ApprovalMetrics.TIME_TO_VERIFY).tag("app", app).timer();
    }
}
