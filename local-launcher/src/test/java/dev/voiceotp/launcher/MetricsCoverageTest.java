package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files against the running system: the whole system is started as {@code ./run-local} starts
 * it, driven through the paths the dashboards show (dispatch, replay, wrong and right codes, the guide's
 * endpoints, a cancel, a malformed record, a forged webhook), and then every metric that a dashboard panel or an
 * alert rule reads must be in the services' {@code /actuator/prometheus} scrapes. The health groups that load
 * balancers and Kubernetes probe, the trace that follows a request from the gateway through Kafka into the
 * worker's log, and the absence of codes from the scrapes are checked on the same system.
 */
class MetricsCoverageTest {

    private static final List<String> SCRAPED = List.of("api-gateway", "otp-worker", "verifier");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FIRST_NUMBER = "+14155552001";

    private static LocalSystem system;
    private static SystemClient client;
    private static final List<String> heardCodes = new ArrayList<>();
    private static final Map<String, String> scrapes = new LinkedHashMap<>();

    @BeforeAll
    static void startSystemAndDriveTraffic() throws Exception {
        LocalSettings settings = FreeLayout.defaults();
        // assigned before starting, so that @AfterAll stops what did start when another service fails to
        system = new LocalSystem(settings, Path.of("target", "metrics-logs"));
        system.start();
        client = new SystemClient(settings);
        driveTraffic(settings);
        Path scrapeDir = Files.createDirectories(Path.of("target", "metrics-scrapes"));
        for (String service : SCRAPED) {
            scrapes.put(service, get(system.service(service).managementPort(), "/actuator/prometheus").body());
            // kept for whoever adds a panel: the names and labels each service really exports
            Files.writeString(scrapeDir.resolve(service + ".txt"), scrapes.get(service));
        }
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldExportEveryMetricThatADashboardOrAlertReads() {
        PrometheusScrape scrape = new PrometheusScrape();
        scrapes.values().forEach(scrape::add);

        Map<String, Set<String>> missing = new TreeMap<>();
        new MonitoringFiles(Checkout.root()).metricsByPlace().forEach((place, names) -> names.stream()
                .filter(name -> !scrape.has(name))
                .forEach(name -> missing.computeIfAbsent(name, n -> new TreeSet<>()).add(place)));

        assertThat(missing).as("metrics read by dashboards or alerts but exported by no service (metric -> where it is read)")
                .isEmpty();
    }

    @Test
    void shouldServeTheActuatorOnlyOnEachServicesManagementPort() {
        for (String service : SCRAPED) {
            int publicPort = system.service(service).port();
            for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/env")) {
                assertThat(get(publicPort, path).statusCode()).as(service + " public port " + path).isEqualTo(404);
            }
            assertThat(get(system.service(service).managementPort(), "/actuator/prometheus").statusCode())
                    .as(service + " management port").isEqualTo(200);
        }
        // the worker's public port is Plivo's: nothing else, not the API and not its description
        int worker = system.service("otp-worker").port();
        for (String path : List.of("/", "/v3/api-docs", "/swagger-ui.html", "/v1/verifications/0f8c4c1e-6b0f-4b8e-9a49-1f7c2f2d2a11")) {
            assertThat(get(worker, path).statusCode()).as("otp-worker public port " + path).isEqualTo(404);
        }
    }

    @Test
    void shouldReportReadinessDependenciesAndLetOnlyTheProcessDecideLiveness() {
        for (String service : SCRAPED) {
            JsonNode readiness = JSON.readTree(get(system.service(service).managementPort(), "/actuator/health/readiness").body());
            JsonNode liveness = JSON.readTree(get(system.service(service).managementPort(), "/actuator/health/liveness").body());

            assertThat(readiness.path("status").asString()).as(service + " readiness").isEqualTo("UP");
            assertThat(readiness.path("components").propertyNames()).as(service + " readiness components")
                    .contains("readinessState", "redis");
            assertThat(liveness.path("status").asString()).as(service + " liveness").isEqualTo("UP");
            assertThat(liveness.path("components").propertyNames()).as(service + " liveness components")
                    .containsExactly("livenessState");
        }
        for (String service : List.of("api-gateway", "otp-worker")) {
            JsonNode readiness = JSON.readTree(get(system.service(service).managementPort(), "/actuator/health/readiness").body());
            assertThat(readiness.path("components").path("kafka").path("status").asString()).as(service + " kafka").isEqualTo("UP");
        }
    }

    @Test
    void shouldExportDependencyStatesForAlertsThatMustFireWithoutTraffic() {
        for (String service : SCRAPED) {
            assertThat(scrapes.get(service)).as(service)
                    .containsPattern("otp_dependency_up\\{[^}]*dependency=\"redis\"[^}]*} 1(\\.0)?\\b");
        }
        assertThat(scrapes.get("api-gateway")).containsPattern("otp_dependency_up\\{[^}]*dependency=\"kafka\"[^}]*} 1(\\.0)?\\b");
    }

    @Test
    void shouldKeepCodesOutOfMetrics() {
        SecretLeakScanner scanner = new SecretLeakScanner(heardCodes);
        scrapes.forEach((service, text) -> scanner.scanText(service + " /actuator/prometheus", text));

        assertThat(heardCodes).isNotEmpty();
        assertThat(scanner.findings()).isEmpty();
    }

    @Test
    void shouldContinueARequestsTraceFromTheGatewayThroughKafkaIntoTheWorkersLog() throws IOException {
        String traceparent = requestHeader(FIRST_NUMBER, "traceparent");
        assertThat(traceparent).as("W3C trace context on the request record").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String traceId = traceparent.split("-")[1];

        assertThat(Files.readString(system.service("otp-worker").log()))
                .as("the worker logs its handling of the request under the gateway's trace id")
                .containsPattern("\\[" + traceId + "-[0-9a-f]{16}]");
    }

    /** A header of the request record the gateway published for a number. */
    private static String requestHeader(String phoneNumber, String header) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "metrics-test-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OTP_REQUESTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header found = record.headers().lastHeader(header);
                    if (phoneNumber.equals(record.key()) && found != null) {
                        return new String(found.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return "";
    }

    private static void driveTraffic(LocalSettings settings) throws Exception {
        String number = FIRST_NUMBER;
        SystemClient.Reply accepted = client.requestVerification(number);
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("id").asString();
        String code = client.awaitHeardCode(number);
        heardCodes.add(code);
        client.check(id, code.equals("000000") ? "111111" : "000000");
        client.check(id, code);
        client.check(id, code);
        client.check(UUID.randomUUID().toString(), code);
        client.requestVerification("4155550123");

        String britishNumber = "+447911123456";
        String toCancel = client.requestVerification(britishNumber).body().path("id").asString();
        heardCodes.add(client.awaitHeardCode(britishNumber));
        cancel(settings, toCancel);

        client.get(settings.gatewayPort(), "/dispatch_otp/14155552002");
        String legacyCode = client.awaitHeardCode("+14155552002");
        heardCodes.add(legacyCode);
        client.get(settings.verifierPort(), "/verify_otp/14155552002/" + legacyCode);

        publishMalformedRequest();
        postForm(settings.workerPort(), "/plivo/hangup/not-a-token", "CallUUID=forged&CallStatus=completed");
        expireAVerification(settings);
        // the hangup callback, which the call outcome meters count, reaches the worker after the sandbox's report
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                "completed".equals(client.getVerification(id).body().path("call").path("status").asString()));
    }

    private static void cancel(LocalSettings settings, String id) {
        URI uri = URI.create("http://localhost:" + settings.gatewayPort() + "/v1/verifications/" + id + "/cancel");
        send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + settings.demoApiKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    /**
     * A verification nobody checked until its lifetime ended, written as the gateway writes one but already due
     * (the shortest real lifetime is 30 s), so that the verifier's expiry sweeper reports it.
     */
    private static void expireAVerification(LocalSettings settings) {
        String id = UUID.randomUUID().toString();
        long past = System.currentTimeMillis() - 1000;
        RedisClient redisClient = RedisClient.create(system.redis().nodeUrls().getFirst());
        try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
            connection.sync().hset(RedisKeys.verification(id), Map.of(
                    VerificationFields.APP, settings.demoAppId(), VerificationFields.PHONE, "+14155552003",
                    VerificationFields.COUNTRY, "US", VerificationFields.STATUS, "pending",
                    VerificationFields.CREATED_AT, Long.toString(past - 600_000),
                    VerificationFields.EXPIRES_AT, Long.toString(past), VerificationFields.FAILED_ATTEMPTS, "0"));
            connection.sync().zadd(RedisKeys.pendingExpiries(), past, id);
        } finally {
            redisClient.shutdown();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                get(system.service("verifier").managementPort(), "/actuator/prometheus").body().contains("otp_verifications_expired_total"));
    }

    private static void publishMalformedRequest() throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OTP_REQUESTS, "+14155552003", "{not json")).get();
        }
    }

    private static void postForm(int port, String path, String form) {
        send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
