package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.GatewayRedisKeys;
import dev.voiceotp.gateway.destination.Destination;
import dev.voiceotp.gateway.spend.SpendWindow;
import dev.voiceotp.testsupport.TestInfrastructure;

/**
 * The number's call history ({@code {otp}:calls:<phone>}) exists for the per-number call caps only: the create script
 * keeps it while a cap is on and neither reads nor writes it when both are off. Runs the store on the shared
 * redis-server, without a Spring context, so each case can have its own resend settings.
 */
class NumberCallHistoryTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        TestInfrastructure.Endpoints servers = TestInfrastructure.endpoints();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(servers.redisHost(), servers.redisPort()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void shouldRecordTheCallWhileAPerNumberCapIsOn() {
        String number = "+14155550841";

        Creation created = create(storeWithCaps(5, 0), number);

        assertThat(created).isInstanceOf(Creation.Created.class);
        assertThat(redis.opsForZSet().size(GatewayRedisKeys.numberCalls(number))).isEqualTo(1);
        assertThat(redis.getExpire(GatewayRedisKeys.numberCalls(number))).isPositive();
    }

    @Test
    void shouldKeepNoHistoryWhenBothPerNumberCapsAreOff() {
        String number = "+14155550842";

        Creation created = create(storeWithCaps(0, 0), number);

        assertThat(created).isInstanceOf(Creation.Created.class);
        assertThat(redis.hasKey(GatewayRedisKeys.numberCalls(number))).isFalse();
    }

    @Test
    void shouldCountOnlyCallsMadeWhileACapWasOn() {
        String number = "+14155550843";
        create(storeWithCaps(0, 0), number);
        VerificationStore capped = storeWithCaps(0, 1);

        Creation first = create(capped, number);
        Creation second = create(capped, number);

        assertThat(first).isInstanceOf(Creation.Created.class);
        assertThat(second).isInstanceOfSatisfying(Creation.Refused.class,
                refused -> assertThat(refused.reason().tag()).isEqualTo("number_calls_daily"));
    }

    @Test
    void shouldRefundACallKafkaDidNotTakeOnceWhetherOrNotAPerNumberCapIsOn() {
        Map<String, VerificationStore> storesByNumber = Map.of("+14155550844", storeWithCaps(5, 10), "+14155550845", storeWithCaps(0, 0));
        storesByNumber.forEach((number, store) -> {
            String id = UUID.randomUUID().toString();
            Instant now = now();
            SpendWindow spend = spendWindow();
            NewVerification request = request(number);
            assertThat(store.create(id, request, "US", now, now.plusSeconds(600), spend)).isInstanceOf(Creation.Created.class);
            assertThat(redis.opsForValue().get(spend.appKey())).isEqualTo("1");

            // the gateway settles a request Kafka did not acknowledge; a second settlement must not refund again
            store.markNotDispatched(id, request, now, null, spend, now);
            store.markNotDispatched(id, request, now, null, spend, now);

            assertThat(redis.opsForValue().get(spend.appKey())).as("the app's spend").isEqualTo("0");
            assertThat(redis.opsForValue().get(spend.countryKey())).as("the country's spend").isEqualTo("0");
            assertThat(redis.opsForZSet().size(GatewayRedisKeys.numberCalls(number))).as("the number's call history").isZero();
        });
    }

    /** A new verification for the number, from the REST API (fresh id, no spend caps), created now. */
    private static Creation create(VerificationStore store, String number) {
        Instant now = now();
        return store.create(UUID.randomUUID().toString(), request(number), "US", now, now.plusSeconds(600), noSpendCaps());
    }

    private static VerificationStore storeWithCaps(int perHour, int perDay) {
        GatewayProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "voice-otp.gateway.resend.cooldown", "0s",
                "voice-otp.gateway.resend.max-per-hour", Integer.toString(perHour),
                "voice-otp.gateway.resend.max-per-day", Integer.toString(perDay))))
                .bindOrCreate("voice-otp.gateway", GatewayProperties.class);
        CodeProperties code = new Binder(new MapConfigurationPropertySource(Map.of("voice-otp.code.hmac-secret", "x".repeat(32))))
                .bindOrCreate("voice-otp.code", CodeProperties.class);
        return new VerificationStore(redis, properties, code);
    }

    private static NewVerification request(String number) {
        return new NewVerification("shop", new Destination(number, "US", PhoneNumberType.FIXED_LINE_OR_MOBILE), null, null, null, null);
    }

    /** Spend counters of their own, no caps, so that each case reads only its own charges and refunds. */
    private static SpendWindow spendWindow() {
        Instant now = now();
        String window = UUID.randomUUID().toString();
        return new SpendWindow("{otp}:spend:app:shop:" + window, 0, now.plusSeconds(3600), "{otp}:spend:country:US:" + window, 0,
                now.plusSeconds(3600));
    }

    private static SpendWindow noSpendCaps() {
        Instant now = now();
        return new SpendWindow("{otp}:spend:app:shop:test", 0, now.plusSeconds(3600), "{otp}:spend:country:US:test", 0, now.plusSeconds(3600));
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
