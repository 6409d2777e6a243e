package dev.voiceotp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.MutableClock;
import dev.voiceotp.testsupport.TestInfrastructureConnections;

/**
 * One gateway context on the real Kafka broker and redis-server of this test JVM, shared (and cached) by
 * every test class that extends it: four producer apps (two with two active keys each, two with small quotas),
 * the guide endpoint on, 127.0.0.1 as a trusted proxy, and a clock tests can move. Tests use their own numbers,
 * so the rules they exercise (cooldowns, caps, buckets) never meet another test's state.
 */
@SpringBootTest(properties = {
        "voice-otp.code.hmac-secret=" + GatewayIntegrationTest.HMAC_SECRET,
        "voice-otp.records.signing-secret=" + GatewayIntegrationTest.RECORD_SECRET,
        "voice-otp.records.app-secrets.shop[0]=" + GatewayIntegrationTest.SHOP_RECORD_SECRET,
        "voice-otp.apps[0].id=shop",
        "voice-otp.apps[0].name=Shop",
        "voice-otp.apps[0].api-key-sha256[0]=" + GatewayIntegrationTest.SHOP_KEY_SHA256,
        "voice-otp.apps[0].api-key-sha256[1]=" + GatewayIntegrationTest.SHOP_KEY_2_SHA256,
        "voice-otp.apps[1].id=other",
        "voice-otp.apps[1].name=Other",
        "voice-otp.apps[1].api-key-sha256[0]=" + GatewayIntegrationTest.OTHER_KEY_SHA256,
        "voice-otp.apps[1].api-key-sha256[1]=" + GatewayIntegrationTest.OTHER_KEY_2_SHA256,
        "voice-otp.apps[2].id=frugal",
        "voice-otp.apps[2].name=Frugal",
        "voice-otp.apps[2].api-key-sha256[0]=" + GatewayIntegrationTest.FRUGAL_KEY_SHA256,
        "voice-otp.apps[2].quotas.calls-per-day=2",
        "voice-otp.apps[3].id=tiny",
        "voice-otp.apps[3].name=Tiny",
        "voice-otp.apps[3].api-key-sha256[0]=" + GatewayIntegrationTest.TINY_KEY_SHA256,
        "voice-otp.apps[3].quotas.requests-per-minute=2",
        "voice-otp.gateway.legacy.enabled=true",
        "voice-otp.gateway.legacy.app-id=shop",
        "voice-otp.gateway.legacy.allowed-countries=US",
        // MockMvc's peer is 127.0.0.1: requests without X-Forwarded-For are not limited per address
        "voice-otp.gateway.trusted-proxies=127.0.0.1/32,10.0.0.0/8",
        "voice-otp.gateway.limits.ip.capacity=3",
        "voice-otp.gateway.limits.ip.period=1m",
        // most test numbers share one block (+1415555 01xx): the prefix limit has its own test with its own block
        "voice-otp.gateway.limits.prefix.capacity=1000",
        "voice-otp.gateway.destinations.allowed-countries=US,GB,FR,DE,CH",
        "voice-otp.gateway.spend.max-calls-per-country-per-hour.CH=2"})
@AutoConfigureMockMvc
@Import({TestInfrastructureConnections.class, RunningClockConfiguration.class})
public abstract class GatewayIntegrationTest {

    public static final String HMAC_SECRET = "test-secret-test-secret-test-secret-0123";
    public static final String RECORD_SECRET = "gateway-test-record-signing-secret-0123";
    /** The shop's own secret for the requests it publishes to Kafka directly. */
    public static final String SHOP_RECORD_SECRET = "shop-own-direct-record-secret-0123456";
    public static final String SHOP_KEY = "Bearer shop-key";
    /** SHA-256 of {@code shop-key}. */
    public static final String SHOP_KEY_SHA256 = "44cfdcdd88354fa1412781f5a01a901c9112db33bfa8b165fbec9b618d9cf112";
    /** The shop's second active key (rotation): {@code shop-key-2}. */
    public static final String SHOP_KEY_2 = "Bearer shop-key-2";
    public static final String SHOP_KEY_2_SHA256 = "e139ab49cda89a0706f2557636c2af951b2f8b788174e1e0f99806f2eca83c2b";
    public static final String OTHER_KEY = "Bearer other-key";
    /** SHA-256 of {@code other-key}. */
    public static final String OTHER_KEY_SHA256 = "580843d03d2216ff1a275d0991bad66e4d1af871171d929e9de604b7959f9bca";
    public static final String OTHER_KEY_2 = "Bearer other-key-2";
    public static final String OTHER_KEY_2_SHA256 = "c33bb0b981b0e3a41525d9384d3d1f34c642b59ddb381ab35143ea0cd945c941";
    /** An app that may cause two calls per day ({@code frugal-key}). */
    public static final String FRUGAL_KEY = "Bearer frugal-key";
    public static final String FRUGAL_KEY_SHA256 = "26d57be45d27bc389e94e067768e27b2681b51eea0da073bb5cfc57740a1b55c";
    /** An app that may make two requests per minute ({@code tiny-key}). */
    public static final String TINY_KEY = "Bearer tiny-key";
    public static final String TINY_KEY_SHA256 = "7c4b278d27191ce740c4130e9a225e79a4e30a1353c8062e367c7bb57f0841af";

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected MutableClock clock;

    /** {@code POST /v1/verifications} as a producer app sends it. */
    protected MvcTestResult create(String apiKey, String phoneNumber, @Nullable String locale, @Nullable String idempotencyKey) {
        String json = locale == null ? "{\"phoneNumber\":\"%s\"}".formatted(phoneNumber)
                : "{\"phoneNumber\":\"%s\",\"locale\":\"%s\"}".formatted(phoneNumber, locale);
        var request = mvc.post().uri("/v1/verifications").header(HttpHeaders.AUTHORIZATION, apiKey)
                .contentType(MediaType.APPLICATION_JSON).content(json);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    /** Creates a verification and returns its id. */
    protected String createdId(String apiKey, String phoneNumber) throws Exception {
        MvcTestResult result = create(apiKey, phoneNumber, null, null);
        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        return idOf(result);
    }

    protected static String idOf(MvcTestResult result) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
    }

    /** The verification hash as the worker and the verifier see it. */
    protected Map<String, String> hash(String id) {
        return redis.<String, String>opsForHash().entries(RedisKeys.verification(id));
    }

    /** What Prometheus would scrape. */
    protected String scrape() throws Exception {
        return mvc.get().uri("/actuator/prometheus").exchange().getResponse().getContentAsString();
    }
}
