package dev.voiceotp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import dev.voiceotp.testsupport.TestInfrastructure;

/**
 * One gateway context on the real Kafka broker and redis-server of this test JVM, shared (and cached) by
 * every test class that extends it: two producer apps, the guide endpoint on, and a clock tests can move.
 */
@SpringBootTest(properties = {
        "voice-otp.code.hmac-secret=" + GatewayIntegrationTest.HMAC_SECRET,
        "voice-otp.apps[0].id=shop",
        "voice-otp.apps[0].name=Shop",
        "voice-otp.apps[0].api-key-sha256[0]=" + GatewayIntegrationTest.SHOP_KEY_SHA256,
        "voice-otp.apps[1].id=other",
        "voice-otp.apps[1].name=Other",
        "voice-otp.apps[1].api-key-sha256[0]=" + GatewayIntegrationTest.OTHER_KEY_SHA256,
        "voice-otp.gateway.legacy.enabled=true",
        "voice-otp.gateway.legacy.app-id=shop"})
@AutoConfigureMockMvc
@Import(MutableClock.Configuration.class)
public abstract class GatewayIntegrationTest {

    public static final String HMAC_SECRET = "test-secret-test-secret-test-secret-0123";
    public static final String SHOP_KEY = "Bearer shop-key";
    /** SHA-256 of {@code shop-key}. */
    public static final String SHOP_KEY_SHA256 = "44cfdcdd88354fa1412781f5a01a901c9112db33bfa8b165fbec9b618d9cf112";
    public static final String OTHER_KEY = "Bearer other-key";
    /** SHA-256 of {@code other-key}. */
    public static final String OTHER_KEY_SHA256 = "580843d03d2216ff1a275d0991bad66e4d1af871171d929e9de604b7959f9bca";

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        // application.yml sets spring.data.redis.url, which wins over the host and port register() sets
        registry.add("spring.data.redis.url", () -> TestInfrastructure.endpoints().redisUrl());
    }

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
        return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
