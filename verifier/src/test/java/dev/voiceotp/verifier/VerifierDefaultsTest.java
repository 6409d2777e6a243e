package dev.voiceotp.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;

/**
 * The verifier as shipped (the guide's endpoint off) with its Redis gone: nothing listens on the configured
 * port, as during an outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "voice-otp.code.hmac-secret=verifier-tests-hmac-secret-0123456789abcdef",
        // a random management port: the configured one may be taken on a test machine
        "management.server.port=0"})
class VerifierDefaultsTest {

    private static final String KEY = "shop-api-key-for-tests";

    @LocalServerPort
    private int port;

    private RestTestClient client;

    @BeforeEach
    void client() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @DynamicPropertySource
    static void redisThatIsDown(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + RedisServerProcess.freePort());
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.endpoints().kafkaBootstrapServers());
        registry.add("voice-otp.apps[0].id", () -> "shop");
        registry.add("voice-otp.apps[0].name", () -> "Shop");
        registry.add("voice-otp.apps[0].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex(KEY));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileRedisIsDown() {
        RestTestClientResponse response = RestTestClientResponse.from(client.post()
                .uri("/v1/verifications/{id}/checks", "8b0f2a4e-5d7c-4e61-9a39-0c7f1d2e3b4a")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":\"123456\"}")
                .exchange());

        assertThat(response).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "2")
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.title").isEqualTo("Service unavailable");
    }

    @Test
    void shouldNotServeTheGuidesEndpointUnlessEnabled() {
        assertThat(RestTestClientResponse.from(client.get().uri("/verify_otp/{number}/{code}", "14155550123", "123456").exchange()))
                .hasStatus(HttpStatus.NOT_FOUND);
    }
}
