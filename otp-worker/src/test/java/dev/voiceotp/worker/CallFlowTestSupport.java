package dev.voiceotp.worker;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the call-flow tests share: the worker on the test Kafka and Redis, calling the embedded sandbox, with three
 * producer apps (a plain one, one with its own caller id and language, one delivering by PHLO), and requests to
 * numbers no other test uses.
 */
final class CallFlowTestSupport {

    static final String HMAC_SECRET = "call-flow-test-hmac-secret-of-enough-length";
    static final String DEFAULT_PHLO = "5b8a0f2c-0000-4000-8000-000000000001";
    static final String APP_PHLO = "5b8a0f2c-0000-4000-8000-000000000002";
    private static final AtomicInteger NEXT = new AtomicInteger(100);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CallFlowTestSupport() {
    }

    static void register(DynamicPropertyRegistry registry, int port) {
        TestInfrastructure.register(registry);
        EmbeddedPlivoSandbox sandbox = EmbeddedPlivoSandbox.get();
        registry.add("server.port", () -> port);
        registry.add("voice-otp.worker.public-base-url", () -> "http://localhost:" + port);
        registry.add("voice-otp.worker.plivo.auth-id", () -> EmbeddedPlivoSandbox.AUTH_ID);
        registry.add("voice-otp.worker.plivo.auth-token", () -> EmbeddedPlivoSandbox.AUTH_TOKEN);
        registry.add("voice-otp.worker.plivo.api-base-url", sandbox::baseUrl);
        registry.add("voice-otp.worker.plivo.from-number", () -> "+14155550100");
        registry.add("voice-otp.worker.phlo.runner-base-url", sandbox::baseUrl);
        registry.add("voice-otp.worker.phlo.default-phlo-id", () -> DEFAULT_PHLO);
        registry.add("voice-otp.worker.prompt.encryption-key", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("voice-otp.worker.retry.max-elapsed", () -> "5s");
        registry.add("voice-otp.code.hmac-secret", () -> HMAC_SECRET);
        registry.add("voice-otp.apps[0].id", () -> "shop");
        registry.add("voice-otp.apps[0].name", () -> "Acme Shop");
        registry.add("voice-otp.apps[0].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex("shop-key"));
        registry.add("voice-otp.apps[1].id", () -> "bank");
        registry.add("voice-otp.apps[1].name", () -> "Berlin Bank");
        registry.add("voice-otp.apps[1].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex("bank-key"));
        registry.add("voice-otp.apps[1].caller-id", () -> "+493012345678");
        registry.add("voice-otp.apps[1].default-locale", () -> "de-DE");
        registry.add("voice-otp.apps[2].id", () -> "flow");
        registry.add("voice-otp.apps[2].name", () -> "Flow Games");
        registry.add("voice-otp.apps[2].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex("flow-key"));
        registry.add("voice-otp.apps[2].delivery", () -> "phlo");
        registry.add("voice-otp.apps[2].phlo-id", () -> APP_PHLO);
    }

    /** A US number that no other test calls. */
    static String nextNumber() {
        return "+1415557" + (1000 + NEXT.getAndIncrement());
    }

    static OtpRequest request(String appId, String number, @Nullable String locale, @Nullable DeliveryMethod delivery) {
        Instant now = Instant.now();
        return OtpRequest.of(UUID.randomUUID().toString(), appId, number, locale, now, now.plusSeconds(600), delivery);
    }

    static void publish(OtpRequest request) {
        Map<String, Object> config = Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(), "acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OTP_REQUESTS, request.phoneNumber(), JSON.writeValueAsString(request))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
