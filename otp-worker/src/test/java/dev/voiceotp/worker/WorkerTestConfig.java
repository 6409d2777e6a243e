package dev.voiceotp.worker;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.testsupport.TestInfrastructure;

/**
 * The one configuration every worker started by the tests runs with. All workers in the test JVM share the
 * Kafka group, the Redis server and the pacing bucket, so they must agree; only the port differs.
 */
public final class WorkerTestConfig {

    public static final String HMAC_SECRET = "worker-test-hmac-secret-of-enough-length";
    /** A code HMAC secret being rotated out: codes it issued are still accepted. */
    public static final String PREVIOUS_HMAC_SECRET = "worker-test-previous-hmac-secret-of-length";
    /** The gateway's record signing secret in the tests. */
    public static final String RECORD_SECRET = "worker-test-record-signing-secret-0123";
    /** The "bank" app's own secret: it may publish its own records. */
    public static final String BANK_RECORD_SECRET = "worker-test-bank-record-secret-0123456";
    public static final int REQUEST_PARTITIONS = 6;
    public static final String DEFAULT_PHLO = "5b8a0f2c-0000-4000-8000-000000000001";
    public static final String APP_PHLO = "5b8a0f2c-0000-4000-8000-000000000002";

    private WorkerTestConfig() {
    }

    public static Map<String, String> properties(int port) {
        createRequestsTopic();
        EmbeddedPlivoSandbox sandbox = EmbeddedPlivoSandbox.get();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("voice-otp.worker.public-base-url", "http://localhost:" + port);
        properties.put("voice-otp.worker.concurrency", "2");
        properties.put("voice-otp.worker.plivo.auth-id", EmbeddedPlivoSandbox.AUTH_ID);
        properties.put("voice-otp.worker.plivo.auth-token", EmbeddedPlivoSandbox.AUTH_TOKEN);
        properties.put("voice-otp.worker.plivo.api-base-url", sandbox.baseUrl());
        properties.put("voice-otp.worker.plivo.from-number", "+14155550100");
        properties.put("voice-otp.worker.plivo.read-timeout", "2s");
        properties.put("voice-otp.worker.prompt.encryption-key", Base64.getEncoder().encodeToString(new byte[32]));
        properties.put("voice-otp.worker.dead-letter-topic", "otp.requests.v1.dlt");
        properties.put("voice-otp.worker.retry.initial-interval", "200ms");
        properties.put("voice-otp.worker.retry.max-interval", "1s");
        properties.put("voice-otp.worker.retry.max-elapsed", "20s");
        properties.put("voice-otp.worker.retry.ambiguous-wait", "5s");
        // a worker reads the call schedule when an entry it scheduled comes due: with a plan this long, a retry or
        // redial that comes in time shows that every place scheduling one announced it
        properties.put("voice-otp.worker.retry.poll-interval", "30s");
        properties.put("voice-otp.worker.retry.record-attempts", "2");
        properties.put("voice-otp.worker.redial.max-attempts", "1");
        properties.put("voice-otp.worker.redial.delay", "1s");
        properties.put("voice-otp.worker.pacing.calls-per-second", "5");
        // three workers, the broker, the sandbox and other builds share two cores here: request delays vary by up
        // to ~250 ms (measured), far more than on a real network path to Plivo (default tolerance 100 ms)
        properties.put("voice-otp.worker.pacing.jitter-tolerance", "300ms");
        properties.put("voice-otp.worker.pacing.max-wait", "5s");
        properties.put("voice-otp.worker.health.plivo-probe-interval", "1s");
        properties.put("voice-otp.code.hmac-secret", HMAC_SECRET);
        properties.put("voice-otp.code.previous-hmac-secrets[0]", PREVIOUS_HMAC_SECRET);
        properties.put("voice-otp.records.signing-secret", RECORD_SECRET);
        properties.put("voice-otp.records.app-secrets.bank[0]", BANK_RECORD_SECRET);
        properties.put("voice-otp.apps[0].id", "shop");
        properties.put("voice-otp.apps[0].name", "Acme Shop");
        properties.put("voice-otp.apps[0].api-key-sha256[0]", ApiKeyAuthenticator.sha256Hex("shop-key"));
        // an app with its own caller id and language, and one delivering by PHLO (the call-flow tests)
        properties.put("voice-otp.apps[1].id", "bank");
        properties.put("voice-otp.apps[1].name", "Berlin Bank");
        properties.put("voice-otp.apps[1].api-key-sha256[0]", ApiKeyAuthenticator.sha256Hex("bank-key"));
        properties.put("voice-otp.apps[1].caller-id", "+493012345678");
        properties.put("voice-otp.apps[1].default-locale", "de-DE");
        properties.put("voice-otp.apps[2].id", "flow");
        properties.put("voice-otp.apps[2].name", "Flow Games");
        properties.put("voice-otp.apps[2].api-key-sha256[0]", ApiKeyAuthenticator.sha256Hex("flow-key"));
        properties.put("voice-otp.apps[2].delivery", "phlo");
        properties.put("voice-otp.apps[2].phlo-id", APP_PHLO);
        properties.put("voice-otp.worker.phlo.runner-base-url", sandbox.baseUrl());
        properties.put("voice-otp.worker.phlo.default-phlo-id", DEFAULT_PHLO);
        return properties;
    }

    /** More partitions than the broker's default, so that several workers in one group all get some. */
    private static synchronized void createRequestsTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers()))) {
            admin.createTopics(java.util.List.of(new NewTopic(Topics.OTP_REQUESTS, REQUEST_PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
