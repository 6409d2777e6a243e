package dev.voiceotp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.app.ProducerAppsProperties.App;
import dev.voiceotp.contract.app.ProducerAppsProperties.Quotas;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayProperties.Limit;
import dev.voiceotp.gateway.GatewayProperties.Limits;
import dev.voiceotp.gateway.TestGatewayProperties;
import dev.voiceotp.gateway.refusal.RefusalReason;
import dev.voiceotp.gateway.refusal.RequestRefused;
import dev.voiceotp.testsupport.MutableClock;
import dev.voiceotp.testsupport.TestRedis;

/**
 * The four request limits on the real redis-server, through the script the gateway runs, with a clock the test
 * moves. Every test uses numbers of its own, so buckets never carry over between tests.
 */
class RequestLimitsTest {

    private static final Limit OFF = new Limit(0, Duration.ofMinutes(1));
    /** Unique per run: app buckets live in the Redis server every test class of this JVM shares. */
    private static final String TINY = "unit-tiny-" + System.nanoTime();
    private static final ProducerAppsProperties APPS = new ProducerAppsProperties(List.of(app(TINY, 2), app("roomy", 0)));

    private static final StringRedisTemplate redis = TestRedis.template();
    private final MutableClock clock = MutableClock.running();

    @Test
    void shouldRefuseANumberBeyondItsCapacityAndSayWhenATokenReturns() {
        RequestLimits limits = limits(new Limits(new Limit(3, Duration.ofMinutes(1)), OFF, OFF, 3));
        String number = randomNumber();
        for (int i = 0; i < 3; i++) {
            limits.check("roomy", number, null);
        }

        RequestRefused refused = catchThrowableOfType(RequestRefused.class, () -> limits.check("roomy", number, null));

        assertThat(refused.reason()).isEqualTo(RefusalReason.RATE_LIMIT_NUMBER);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        // three per minute, refilled evenly: the next token is 20 s away
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("20");
        assertThat(refused.getBody().getProperties()).containsEntry("reason", "rate_limit_number");
        assertThatNoException().isThrownBy(() -> limits.check("roomy", randomNumber(), null));
    }

    @Test
    void shouldAllowTheNumberAgainOnceItsBucketRefills() {
        RequestLimits limits = limits(new Limits(new Limit(1, Duration.ofMinutes(10)), OFF, OFF, 3));
        String number = randomNumber();
        limits.check("roomy", number, null);
        assertThat(catchThrowableOfType(RequestRefused.class, () -> limits.check("roomy", number, null))).isNotNull();

        clock.advance(Duration.ofMinutes(10));

        assertThatNoException().isThrownBy(() -> limits.check("roomy", number, null));
    }

    @Test
    void shouldCountNeighbouringNumbersTogetherInTheirBlock() {
        RequestLimits limits = limits(new Limits(OFF, OFF, new Limit(3, Duration.ofMinutes(10)), 3));
        String block = randomNumber().substring(0, 9);
        for (String last : List.of("001", "502", "999")) {
            limits.check("roomy", block + last, null);
        }

        RequestRefused refused = catchThrowableOfType(RequestRefused.class, () -> limits.check("roomy", block + "123", null));

        assertThat(refused.reason()).isEqualTo(RefusalReason.RATE_LIMIT_PREFIX);
        assertThat(limits.blockOf(block + "123")).isEqualTo(block);
        assertThatNoException().isThrownBy(() -> limits.check("roomy", randomNumber().substring(0, 9) + "123", null));
    }

    @Test
    void shouldHoldEachAppToItsOwnQuota() {
        RequestLimits limits = limits(new Limits(OFF, OFF, OFF, 3));
        limits.check(TINY, randomNumber(), null);
        limits.check(TINY, randomNumber(), null);

        RequestRefused refused = catchThrowableOfType(RequestRefused.class, () -> limits.check(TINY, randomNumber(), null));

        assertThat(refused.reason()).isEqualTo(RefusalReason.RATE_LIMIT_APP);
        assertThat(refused.getBody().getDetail()).contains("2 verification requests per minute");
        // an app whose quota is 0 has no app limit
        assertThatNoException().isThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                limits.check("roomy", randomNumber(), null);
            }
        });
    }

    @Test
    void shouldLimitPerClientAddressOnlyWhenTheRequestHasOne() {
        RequestLimits limits = limits(new Limits(OFF, new Limit(2, Duration.ofMinutes(1)), OFF, 3));
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255) + "-" + System.nanoTime();
        limits.check("roomy", randomNumber(), address);
        limits.check("roomy", randomNumber(), address);

        RequestRefused refused = catchThrowableOfType(RequestRefused.class, () -> limits.check("roomy", randomNumber(), address));

        assertThat(refused.reason()).isEqualTo(RefusalReason.RATE_LIMIT_IP);
        assertThatNoException().isThrownBy(() -> {
            for (int i = 0; i < 5; i++) {
                limits.check("roomy", randomNumber(), null);
            }
        });
    }

    @Test
    void shouldTakeNothingFromTheOtherBucketsWhenOneRefuses() {
        RequestLimits limits = limits(new Limits(new Limit(2, Duration.ofHours(1)), new Limit(1, Duration.ofHours(1)), OFF, 3));
        String number = randomNumber();
        String flooder = "flooder-" + System.nanoTime();
        limits.check("roomy", number, flooder);
        // refused by the address limit: the number's bucket keeps the token the refused request would have taken
        assertThat(catchThrowableOfType(RequestRefused.class, () -> limits.check("roomy", number, flooder)).reason())
                .isEqualTo(RefusalReason.RATE_LIMIT_IP);

        assertThatNoException().isThrownBy(() -> limits.check("roomy", number, "someone-" + System.nanoTime()));
        assertThat(catchThrowableOfType(RequestRefused.class, () -> limits.check("roomy", number, "late-" + System.nanoTime())).reason())
                .isEqualTo(RefusalReason.RATE_LIMIT_NUMBER);
    }

    @Test
    void shouldCheckNothingWhenEveryLimitIsOff() {
        RequestLimits limits = limits(new Limits(OFF, OFF, OFF, 3));
        String number = randomNumber();
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);

        assertThatNoException().isThrownBy(() -> {
            for (int i = 0; i < 50; i++) {
                limits.check("roomy", number, address);
            }
        });

        // no bucket was touched in Redis: none exists for the number, its block or the address
        assertThat(redis.keys(RedisKeys.rateLimit("*", number))).isEmpty();
        assertThat(redis.keys(RedisKeys.rateLimit("*", limits.blockOf(number)))).isEmpty();
        assertThat(redis.keys(RedisKeys.rateLimit("*", address))).isEmpty();
        // while a limit that is on keeps its bucket under that very key
        limits(new Limits(new Limit(3, Duration.ofMinutes(1)), OFF, OFF, 3)).check("roomy", number, address);
        assertThat(redis.keys(RedisKeys.rateLimit("*", number))).hasSize(1);
    }

    @Test
    void shouldGrantExactlyTheCapacityToParallelRequestsOnOneHotBucket() throws Exception {
        RequestLimits limits = limits(new Limits(OFF, new Limit(50, Duration.ofHours(1)), OFF, 3));
        String address = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255) + "-" + System.nanoTime();
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Void>> requests = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            requests.add(() -> {
                try {
                    limits.check("roomy", randomNumber(), address);
                    allowed.incrementAndGet();
                } catch (RequestRefused e) {
                    refused.incrementAndGet();
                }
                return null;
            });
        }

        try (ExecutorService parallel = Executors.newFixedThreadPool(64)) {
            for (Future<Void> request : parallel.invokeAll(requests)) {
                request.get(); // anything but a grant or a 429 (a timeout, a Redis error) fails here
            }
        }

        // every request got its answer from the one bucket, none was lost to a race: the capacity and no more
        assertThat(allowed).hasValue(50);
        assertThat(refused).hasValue(350);
    }

    private RequestLimits limits(Limits limits) {
        return new RequestLimits(redis, clock, TestGatewayProperties.withLimits(limits), APPS);
    }

    /** A valid-looking number no other test uses: +1 and ten random digits. */
    private static String randomNumber() {
        return "+1" + (2_000_000_000L + ThreadLocalRandom.current().nextLong(7_000_000_000L));
    }

    private static App app(String id, int requestsPerMinute) {
        return new App(id, id, List.of("0".repeat(64)), null, null, DeliveryMethod.CALL, null, new Quotas(requestsPerMinute, 0, 0), null);
    }
}
