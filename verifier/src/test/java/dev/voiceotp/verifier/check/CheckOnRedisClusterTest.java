package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CheckTarget;
import dev.voiceotp.contract.check.CodeCheck;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.testsupport.RedisClusterProcess;
import dev.voiceotp.verifier.Verifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Checks on a Redis Cluster of three primaries: the check connections open cluster connections, and the check script,
 * which derives the number's failure counter from the stored phone number, runs in the slot of the {@code {otp}} tag.
 */
class CheckOnRedisClusterTest {

    private static final String APP = "demo";
    private static final String SECRET = "the-current-secret-of-at-least-32-chars";
    private static final Instant NOW = Instant.parse("2100-01-01T00:00:00Z");

    private static RedisClusterProcess cluster;
    private static LettuceConnectionFactory factory;
    private static CheckConnection connection;
    private static StringRedisTemplate redis;

    private static final CodeProperties CODES = new CodeProperties(6, Duration.ofMinutes(10), 2, SECRET, Duration.ofHours(1), 10,
            Duration.ofHours(1), List.of());
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final CodeCheck check = new CodeCheck(new CheckScript(connection), CODES, new UnpublishedEvents(), new CodeCheck.Observer() {
                @Override
                public void checked(String appId, CheckOutcome outcome, Instant checkedAt) {
                }

                @Override
                public void malformed(String appId) {
                }
            }, CLOCK);

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.start(RedisClusterProcess.freePorts(3));
        factory = new LettuceConnectionFactory(new RedisClusterConfiguration(List.of(cluster.nodes().split(","))));
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
        connection = new CheckConnection(factory);
        connection.start();
    }

    @AfterAll
    static void stopCluster() {
        if (connection != null) {
            connection.stop();
        }
        if (factory != null) {
            factory.destroy();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldApproveTheRightCodeOnceAndCountAWrongOneForTheNumber() {
        String number = "+4930" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String id = new Verifications(redis, CODES, CLOCK).pending(APP, number, "246810");

        CheckOutcome wrong = check.check(CheckTarget.byId(APP, id), "000001").join();
        CheckOutcome right = check.check(CheckTarget.byId(APP, id), "246810").join();
        CheckOutcome again = check.check(CheckTarget.byId(APP, id), "246810").join();

        assertThat(wrong.result()).isEqualTo(CheckResult.WRONG_CODE);
        assertThat(right.result()).isEqualTo(CheckResult.APPROVED);
        assertThat(again.result()).isEqualTo(CheckResult.ALREADY_USED);
        assertThat(redis.opsForValue().get(RedisKeys.numberFailures(number))).as("the failure counter the script derived").isEqualTo("1");
        assertThat(redis.<String, String>opsForHash().get(RedisKeys.verification(id), VerificationFields.STATUS)).isEqualTo("approved");
    }

    /** Events are not what this test is about: nothing is published. */
    private static final class UnpublishedEvents extends VerificationEvents {

        UnpublishedEvents() {
            super(new OtpEventPublisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())), new SimpleMeterRegistry()),
                    Clock.systemUTC());
        }

        @Override
        public void approved(VerificationRef verification, Instant at) {
        }
    }
}
