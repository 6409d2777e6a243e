package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a local run exposes, and to whom. */
class LocalSettingsTest {

    private static final Map<String, String> REAL_PLIVO = Map.of("PLIVO_AUTH_ID", "MAREALACCOUNT0000001",
            "PLIVO_AUTH_TOKEN", "a-real-token", "PLIVO_FROM_NUMBER", "+14155550100",
            "WORKER_PUBLIC_BASE_URL", "https://voice-otp.example.com");

    @Test
    void shouldListenOnLoopbackUnlessToldOtherwise() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).bindAddress()).isEqualTo("127.0.0.1");
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_BIND_ADDRESS", "0.0.0.0")).bindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldOfferTheGuidesRoutesAgainstTheSandboxOnly() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).guideRoutesEnabled()).isTrue();
        assertThat(LocalSettings.fromEnvironment(REAL_PLIVO).guideRoutesEnabled())
                .as("an anonymous dialler must never reach a real account").isFalse();
    }

    @Test
    void shouldSendTheDemoAppsWebhooksToTheLaunchersReceiverUnlessToldWhereAndWithWhichSecret() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).demoCallback()).isNull();
        assertThat(LocalSettings.fromEnvironment(Map.of()).demoWebhooks()).isTrue();
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_LOCAL_LIMITS", "off")).demoWebhooks()).as("a benchmark run").isFalse();
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_DEMO_WEBHOOK_URL", "http://127.0.0.1:9999/hooks",
                "VOICE_OTP_DEMO_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).demoCallback())
                .isEqualTo(new LocalSettings.DemoCallback("http://127.0.0.1:9999/hooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("VOICE_OTP_DEMO_WEBHOOK_URL", "http://127.0.0.1:9999/hooks")))
                .hasMessageContaining("VOICE_OTP_DEMO_WEBHOOK_SECRET");
    }

    @Test
    void shouldGiveEveryRequestPartitionOneListenerThreadOverAllTheWorkersUnlessTold() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).startup().listenerThreads()).isEqualTo(6);
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_WORKERS", "2")).startup().listenerThreads()).isEqualTo(3);
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_WORKERS", "3")).startup().listenerThreads()).isEqualTo(2);
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_WORKERS", "9")).startup().listenerThreads())
                .as("more workers than partitions: the rest stand by").isEqualTo(1);
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_WORKER_CONCURRENCY", "4")).startup().listenerThreads()).isEqualTo(4);
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("VOICE_OTP_WORKER_CONCURRENCY", "0")))
                .hasMessageContaining("VOICE_OTP_WORKER_CONCURRENCY");
    }

    @Test
    void shouldStartTheServicesWithTheirFirstMetaspaceCollectionAboveWhatTheirClassesTake() throws Exception {
        Path root = Checkout.root();
        List<String> options;
        try (ServiceLaunches launches = new ServiceLaunches(root, root.resolve("target/unused-aot"), root.resolve("target/unused-logs"),
                LocalSettings.fromEnvironment(Map.of()).javaOptions(), false)) {
            options = new ArrayList<>(launches.javaOptions("api-gateway"));
        }
        options.add("-XX:+PrintFlagsFinal");
        assertThat(JavaVersionRun.printed(options)).as("the gateway's and the worker's classes take about 21 MB")
                .containsPattern("size_t MetaspaceSize\\s+= " + 40 * 1024 * 1024 + " ");
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_JAVA_OPTS", "-Xmx96m")).javaOptions()).isEqualTo("-Xmx96m");
    }

    @Test
    void shouldTurnTheGuidesRoutesOffWhenTheLimitsAreOff() {
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_LOCAL_LIMITS", "off")).guideRoutesEnabled()).isFalse();
    }

    @Test
    void shouldUseItsOwnBrokerAndExportNoTracesUnlessTold() {
        LocalSettings defaults = LocalSettings.fromEnvironment(Map.of("VOICE_OTP_KAFKA_BOOTSTRAP_SERVERS", " ", "VOICE_OTP_TRACES_ENDPOINT", ""));
        assertThat(defaults.externalKafka()).isNull();
        assertThat(defaults.tracesEndpoint()).isNull();

        LocalSettings told = LocalSettings.fromEnvironment(Map.of("VOICE_OTP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19091,127.0.0.1:19092",
                "VOICE_OTP_TRACES_ENDPOINT", "http://localhost:4318/v1/traces"));
        assertThat(told.externalKafka()).isEqualTo("127.0.0.1:19091,127.0.0.1:19092");
        assertThat(told.tracesEndpoint()).isEqualTo("http://localhost:4318/v1/traces");
        assertThat(told.withPorts(1, 2, 3, 4, 5).externalKafka()).as("kept on other ports").isEqualTo(told.externalKafka());
    }

    @Test
    void shouldRunOneRedisServerUnlessAClusterIsAskedFor() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).withPorts(1, 2, 3, 4, 6400).redisPorts()).containsExactly(6400);
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_REDIS", "cluster")).withPorts(1, 2, 3, 4, 6400).redisPorts())
                .as("three primaries from the Redis port on").containsExactly(6400, 6401, 6402);
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("VOICE_OTP_REDIS", "sentinel")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single or cluster");
    }

    @Test
    void shouldListEveryPortTheSystemBinds() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).boundPorts())
                .as("services, actuators (the sandbox's on its own port), the demo webhook receiver, Redis")
                .containsExactlyInAnyOrder(8080, 9080, 8081, 9081, 8082, 9082, 8090, 8095, 6379);
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_REDIS", "cluster", "VOICE_OTP_WORKERS", "2", "VOICE_OTP_LOCAL_LIMITS", "off"))
                .boundPorts())
                .as("a second worker after the verifier, the webhook entry in front of both, no demo receiver, cluster bus ports")
                .containsExactlyInAnyOrder(8080, 9080, 8081, 9081, 8083, 9083, 8082, 9082, 8090, 8089,
                        6379, 16379, 6380, 16380, 6381, 16381);
    }

    @Test
    void shouldKeepRedisDataOnDiskOnlyWhenToldWhere() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).startup().redis().dataDir()).isNull();
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_REDIS_DATA", "/tmp/fault/redis-data")).startup().redis().dataDir())
                .isEqualTo(java.nio.file.Path.of("/tmp/fault/redis-data"));
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("VOICE_OTP_REDIS", "cluster", "VOICE_OTP_REDIS_DATA", "/tmp/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one redis-server");
    }

    @Test
    void shouldRefuseADirectPublishingSecretTooShortToBeSafe() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).directSecret()).isNull();
        assertThat(LocalSettings.fromEnvironment(Map.of("VOICE_OTP_DIRECT_SECRET", "d".repeat(32))).directSecret()).isEqualTo("d".repeat(32));
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("VOICE_OTP_DIRECT_SECRET", "short")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 characters");
    }
}
