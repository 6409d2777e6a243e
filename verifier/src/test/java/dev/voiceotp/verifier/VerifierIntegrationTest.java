package dev.voiceotp.verifier;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.testsupport.MutableClock;
import dev.voiceotp.testsupport.TestInfrastructureConnections;

/**
 * The whole verifier on a random port against a real redis-server and Kafka broker (test-support). One context
 * for all subclasses: two producer apps, the guide's endpoint bound to {@code shop}, a clock the tests move, and
 * an expiry sweep every 200 ms so that tests wait little for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "voice-otp.code.hmac-secret=verifier-tests-hmac-secret-0123456789abcdef",
        "voice-otp.code.previous-hmac-secrets=" + VerifierIntegrationTest.PREVIOUS_HMAC_SECRET,
        "voice-otp.verifier.legacy.enabled=true",
        "voice-otp.verifier.legacy.app-id=shop",
        "voice-otp.verifier.expiry-sweep.interval=200ms",
        // every test here checks from one address, many on one number: CheckRateLimitsTest has the limits on
        "voice-otp.verifier.limits.ip.capacity=0",
        "voice-otp.verifier.limits.number.capacity=0",
        // the actuator on a port of its own, as deployed (a random one)
        "management.server.port=0"})
@Import({TestInfrastructureConnections.class, ControlledClockConfiguration.class, ObservationsSeen.Registration.class})
public abstract class VerifierIntegrationTest {

    /** A secret being rotated out: checks still accept codes it issued. */
    protected static final String PREVIOUS_HMAC_SECRET = "verifier-tests-retired-secret-0123456789abcdef";
    protected static final String SHOP = "shop";
    protected static final String BANK = "bank";
    protected static final String SHOP_KEY = "shop-api-key-for-tests";
    protected static final String BANK_KEY = "bank-api-key-for-tests";

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    /** Talks HTTP to the server on its port, as producer apps do. */
    protected RestTestClient client;

    /** Talks HTTP to the actuator on the management port, as probes and Prometheus do. */
    protected RestTestClient management;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected CodeProperties codes;

    @Autowired
    protected StringRedisTemplate redis;

    protected Verifications verifications;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // a list binds from one property source only, so each app is registered here whole
        registry.add("voice-otp.apps[0].id", () -> SHOP);
        registry.add("voice-otp.apps[0].name", () -> "Shop");
        registry.add("voice-otp.apps[0].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex(SHOP_KEY));
        registry.add("voice-otp.apps[1].id", () -> BANK);
        registry.add("voice-otp.apps[1].name", () -> "Bank");
        registry.add("voice-otp.apps[1].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex(BANK_KEY));
    }

    @BeforeEach
    void clientAndSeeder() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        verifications = new Verifications(redis, codes, clock);
    }

    protected RestTestClientResponse checkById(String apiKey, String verificationId, String json) {
        return RestTestClientResponse.from(client.post()
                .uri("/v1/verifications/{id}/checks", verificationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange());
    }

    protected RestTestClientResponse checkCode(String apiKey, String verificationId, String code) {
        return checkById(apiKey, verificationId, "{\"code\":\"" + code + "\"}");
    }

    protected RestTestClientResponse checkByNumber(String apiKey, String phoneNumber, String code) {
        return RestTestClientResponse.from(client.post()
                .uri("/v1/verification-checks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"phoneNumber\":\"" + phoneNumber + "\",\"code\":\"" + code + "\"}")
                .exchange());
    }
}
