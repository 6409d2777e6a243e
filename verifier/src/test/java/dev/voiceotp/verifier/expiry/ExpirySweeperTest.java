package dev.voiceotp.verifier.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.testsupport.EventTopicReader;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/** The scheduled sweep (every 200 ms in tests) on the real broker and Redis, driven by the tests' clock. */
class ExpirySweeperTest extends VerifierIntegrationTest {

    private static final String CODE = "319575";
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
    void shouldPublishExpiredOnceForAVerificationStillPendingAtItsExpiry() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        verifications.set(id, VerificationFields.COUNTRY, "CA");
        verifications.awaitExpiry(id);
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong((String) verifications.hash(id).get(VerificationFields.EXPIRES_AT)));
        double expiredBefore = expired(SHOP, "CA");

        clock.advance(codes.ttl());

        await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(SHOP, id).isEmpty());
        await().during(STAYS_ALONE).atMost(STAYS_ALONE.multipliedBy(3)).until(() -> events.typesOf(SHOP, id).equals(List.of("expired")));
        JsonNode event = events.of(SHOP, id).getFirst().value();
        assertThat(Instant.parse(event.get("occurredAt").asString())).isEqualTo(expiresAt);
        assertThat(event.get("country").asString()).isEqualTo("CA");
        assertThat(expired(SHOP, "CA")).isEqualTo(expiredBefore + 1);
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), id)).isNull();
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "pending");
    }

    @Test
    void shouldDropVerificationsThatEndedBeforeTheirExpiryWithoutReportingThem() {
        String approved = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        checkCode(SHOP_KEY, approved, CODE);
        String canceled = verifications.pending(BANK, Verifications.uniquePhoneNumber(), CODE);
        verifications.set(canceled, VerificationFields.STATUS, "canceled");
        String stillPending = verifications.pending(BANK, Verifications.uniquePhoneNumber(), CODE);
        List.of(approved, canceled, stillPending).forEach(verifications::awaitExpiry);

        clock.advance(codes.ttl());

        await().atMost(Duration.ofSeconds(15)).until(() -> events.typesOf(BANK, stillPending).equals(List.of("expired")));
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), approved)).isNull();
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), canceled)).isNull();
        await().during(STAYS_ALONE).atMost(STAYS_ALONE.multipliedBy(3)).until(() ->
                events.typesOf(SHOP, approved).equals(List.of("approved")) && events.of(BANK, canceled).isEmpty());
    }

    @Test
    void shouldReportAVerificationWhoseExpiryMovedLaterOnlyAtItsNewExpiry() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        verifications.awaitExpiry(id);
        long later = clock.millis() + codes.ttl().toMillis() * 2;
        verifications.set(id, VerificationFields.EXPIRES_AT, Long.toString(later));

        clock.advance(codes.ttl());

        await().atMost(Duration.ofSeconds(15)).until(() -> Double.valueOf(later).equals(redis.opsForZSet().score(RedisKeys.pendingExpiries(), id)));
        // long enough for an early report to pass the event relay (it lingers 200 ms) and reach the topic
        await().during(STAYS_ALONE).atMost(STAYS_ALONE.multipliedBy(3)).until(() -> events.of(SHOP, id).isEmpty());

        clock.advance(codes.ttl());

        await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(SHOP, id).isEmpty());
        await().during(STAYS_ALONE).atMost(STAYS_ALONE.multipliedBy(3)).until(() -> events.typesOf(SHOP, id).equals(List.of("expired")));
        assertThat(Instant.parse(events.of(SHOP, id).getFirst().value().get("occurredAt").asString())).isEqualTo(Instant.ofEpochMilli(later));
    }

    private double expired(String app, String country) {
        Counter counter = meters.find(ExpirySweeper.EXPIRED).tag("app", app).tag("country", country).counter();
        return counter == null ? 0 : counter.count();
    }
}
