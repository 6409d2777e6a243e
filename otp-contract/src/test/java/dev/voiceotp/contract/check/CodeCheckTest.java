package dev.voiceotp.contract.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import dev.voiceotp.contract.event.LockReason;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.contract.verification.VerificationStatus;
import dev.voiceotp.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The one code check every service runs, on a real redis-server: the shape rule before any round trip, hashing under
 * every accepted secret (so a rotation is honoured wherever a code is typed), the observer told of every check,
 * and exactly one event for the check that changed the verification.
 */
class CodeCheckTest {

    private static final String APP = "demo";
    private static final String SECRET = "the-current-secret-of-at-least-32-chars";
    private static final String PREVIOUS_SECRET = "the-previous-secret-of-at-least-32-chars";
    private static final Instant NOW = Instant.parse("2100-01-01T00:00:00Z");

    private final StringRedisTemplate redis = TestRedis.template();
    private final List<String> observed = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    private final CodeCheck check = new CodeCheck(CodeCheckScript.onTemplate(redis),
            new CodeProperties(6, Duration.ofMinutes(10), 2, SECRET, Duration.ofHours(1), 10, Duration.ofHours(1),
                    List.of(PREVIOUS_SECRET)),
            new RecordingEvents(), new RecordingObserver(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldRefuseACodeWithoutTheConfiguredShapeBeforeAnyRoundTripAndCountIt() {
        assertThatThrownBy(() -> check.requireWellFormed(APP, "12345")).isInstanceOf(MalformedCodeException.class)
                .hasMessageContaining("must be exactly 6 digits").hasMessageNotContaining("12345");
        assertThatThrownBy(() -> check.requireWellFormed(APP, "12345x")).isInstanceOf(MalformedCodeException.class);
        assertThatThrownBy(() -> check.requireWellFormed(APP, "")).isInstanceOf(MalformedCodeException.class)
                .hasMessageContaining("is required");

        assertThat(check.requireWellFormed(APP, "012345")).isEqualTo("012345");
        assertThat(observed).containsExactly("malformed", "malformed", "malformed");
    }

    @Test
    void shouldApproveOnceAndReportTheApprovalOnce() {
        String id = pendingVerification(CodeHasher.fromSecret(SECRET), "246810");

        CheckOutcome first = check.check(CheckTarget.byId(APP, id), "246810").join();
        CheckOutcome second = check.check(CheckTarget.byId(APP, id), "246810").join();

        assertThat(first.result()).isEqualTo(CheckResult.APPROVED);
        assertThat(second.result()).isEqualTo(CheckResult.ALREADY_USED);
        assertThat(observed).containsExactly("approved at " + NOW, "already_used at " + NOW);
        assertThat(reported).containsExactly("approved " + id + " DE at " + NOW);
    }

    @Test
    void shouldAcceptACodeIssuedUnderASecretBeingRotatedOut() {
        String id = pendingVerification(CodeHasher.fromSecret(PREVIOUS_SECRET), "135790");

        assertThat(check.check(CheckTarget.byId(APP, id), "135790").join().result()).isEqualTo(CheckResult.APPROVED);
    }

    @Test
    void shouldReportTheLockWithItsReasonOnlyForTheCheckThatLocked() {
        String id = pendingVerification(CodeHasher.fromSecret(SECRET), "246810");

        check.check(CheckTarget.byId(APP, id), "000001").join();
        CheckOutcome locking = check.check(CheckTarget.byId(APP, id), "000002").join();
        CheckOutcome after = check.check(CheckTarget.byId(APP, id), "246810").join();

        assertThat(locking.result()).isEqualTo(CheckResult.LOCKED);
        assertThat(after.result()).isEqualTo(CheckResult.LOCKED);
        assertThat(after.transition()).isNull();
        assertThat(reported).containsExactly("locked " + id + " max_attempts");
    }

    private String pendingVerification(CodeHasher issuer, String code) {
        String id = UUID.randomUUID().toString();
        String number = "+4930" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        redis.opsForHash().putAll(RedisKeys.verification(id), Map.of(
                VerificationFields.APP, APP,
                VerificationFields.STATUS, VerificationStatus.PENDING.wireName(),
                VerificationFields.PHONE, number,
                VerificationFields.COUNTRY, "DE",
                VerificationFields.CREATED_AT, Long.toString(NOW.toEpochMilli() - 1_000),
                VerificationFields.EXPIRES_AT, Long.toString(NOW.plus(Duration.ofMinutes(10)).toEpochMilli()),
                VerificationFields.FAILED_ATTEMPTS, "0",
                VerificationFields.CODE_HASH, issuer.hash(id, code)));
        return id;
    }

    private final class RecordingObserver implements CodeCheck.Observer {

        @Override
        public void checked(String appId, CheckOutcome outcome, Instant checkedAt) {
            observed.add(outcome.result().tag() + " at " + checkedAt);
        }

        @Override
        public void malformed(String appId) {
            observed.add("malformed");
        }
    }

    /** Records what would be published; the publisher underneath is never called. */
    private final class RecordingEvents extends VerificationEvents {

        RecordingEvents() {
            super(new OtpEventPublisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())), new SimpleMeterRegistry()),
                    Clock.systemUTC());
        }

        @Override
        public void approved(VerificationRef verification, Instant at) {
            reported.add("approved " + verification.verificationId() + " " + verification.country() + " at " + at);
        }

        @Override
        public void locked(VerificationRef verification, LockReason reason, Instant at) {
            reported.add("locked " + verification.verificationId() + " " + reason.wireName());
        }
    }
}
