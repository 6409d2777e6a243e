package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.verification.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as a user runs it (./run-local): real Kafka broker, real redis-server, the Plivo sandbox
 * reached through the real plivo-java SDK, and the three services in their own JVMs, driven over HTTP. Every flow
 * runs twice: on one redis-server, and on a Redis Cluster of three primaries ({@code VOICE_OTP_REDIS=cluster}).
 */
@ParameterizedClass(name = "Redis {0}")
@ValueSource(strings = {"single", "cluster"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(201);
    /** Every number a test here used: none may appear in full in a span. */
    private static final Set<String> NUMBERS = ConcurrentHashMap.newKeySet();
    /** Receives every trace of the run: the services sample every request here. */
    private static final OtlpReceiver TRACES = new OtlpReceiver();
    private static LocalSystem system;
    private static SystemClient client;

    /** {@code single} or {@code cluster}: the Redis this run of the flows uses. */
    @Parameter
    private String redis;

    @BeforeParameterizedClassInvocation
    static void startSystem(String redis) {
        LocalSettings settings = FreeLayout.movedOntoFreePorts(
                LocalSettings.fromEnvironment(Map.of("VOICE_OTP_REDIS", redis)).withTracesEndpoint(TRACES.endpoint()));
        system = new LocalSystem(settings, Path.of("target", "e2e-logs-" + redis));
        system.start(); // assigned first, so that @AfterAll stops whatever a failed start left running
        client = new SystemClient(settings);
    }

    @AfterParameterizedClassInvocation
    static void stopSystem() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    @AfterAll
    static void stopReceivingTraces() {
        TRACES.close();
    }

    @Test
    void shouldApproveTheCodeThePersonHeardOnTheCall() {
        String number = nextNumber();
        SystemClient.Reply accepted = client.requestVerification(number);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("status").asString()).isEqualTo("pending");
        assertThat(accepted.body().path("phoneNumber").asString()).isEqualTo(number);
        String id = accepted.body().path("id").asString();

        String code = client.awaitHeardCode(number);
        SystemClient.Reply check = client.check(id, code);

        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body().path("valid").asBoolean()).isTrue();
        assertThat(check.body().path("status").asString()).isEqualTo("approved");
        JsonNode verification = client.getVerification(id).body();
        assertThat(verification.path("status").asString()).isEqualTo("approved");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.getVerification(id).body().path("call").path("status").asString()).isEqualTo("completed"));
        assertThat(client.check(id, code).body().path("valid").asBoolean()).as("the same code approves only once").isFalse();
    }

    @Test
    void shouldPostTheDemoAppsEventsSignedToItsWebhookEndpoint() {
        String number = nextNumber();
        String id = client.requestVerification(number).body().path("id").asString();
        String code = client.awaitHeardCode(number);
        assertThat(client.check(id, code).body().path("valid").asBoolean()).isTrue();
        DemoApp receiver = system.demoApp().orElseThrow();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream()
                .filter(delivery -> id.equals(delivery.get("verificationId"))).map(delivery -> delivery.get("type")).toList()
                .containsAll(List.of("requested", "call_placed", "call_completed", "approved")));
        List<Map<String, Object>> ours = receiver.received().stream().filter(delivery -> id.equals(delivery.get("verificationId"))).toList();
        assertThat(ours).allSatisfy(delivery -> assertThat(delivery.get("verified")).as("signature and timestamp hold").isEqualTo(true));
        assertThat(ours).extracting(delivery -> delivery.get("id")).doesNotHaveDuplicates();
    }

    /**
     * The newcomer's minute in a real browser: the demo app's sign-up page requests a verification, the sandbox's phone
     * page shows the code the call read, the code typed on the sign-up page verifies. Runs where Debian's chromium and
     * chromium-driver are installed (.ci/run installs them); leaves screenshots of both pages in target/screenshots.
     */
    @Test
    void shouldVerifyInABrowserWithTheCodeReadOffThePhonePage() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "skipped: Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,860");
        WebDriver browser = new ChromeDriver(service, options);
        try {
            String number = nextNumber();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(system.demoApp().orElseThrow().pageUrl());
            WebElement phone = browser.findElement(By.id("phone"));
            phone.clear();
            phone.sendKeys(number);
            browser.findElement(By.id("call-me")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
            String signUp = browser.getWindowHandle();

            browser.switchTo().newWindow(WindowType.TAB);
            browser.get("http://localhost:" + system.settings().sandboxPort() + "/");
            WebElement heard = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("section[data-number='" + number + "'] .code")));
            String code = heard.getAttribute("data-code");
            assertThat(code).matches("\\d{6}");
            screenshot(browser, "phone-page.png");

            browser.switchTo().window(signUp);
            browser.findElement(By.id("code")).sendKeys(code);
            screenshot(browser, "demo-sign-up.png");
            browser.findElement(By.id("verify")).click();
            wait.until(ExpectedConditions.textToBe(By.id("message"), "verified"));
        } finally {
            browser.quit();
            service.stop();
        }
    }

    private static void screenshot(WebDriver browser, String name) throws java.io.IOException {
        Path directory = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(directory.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void shouldRejectAWrongCodeAndLockAfterFiveWrongCodes() {
        String number = nextNumber();
        String id = client.requestVerification(number).body().path("id").asString();
        String code = client.awaitHeardCode(number);
        String wrong = code.equals("000000") ? "111111" : "000000";

        SystemClient.Reply first = client.check(id, wrong);
        assertThat(first.body().path("valid").asBoolean()).isFalse();
        assertThat(first.body().path("attemptsRemaining").asInt()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            client.check(id, wrong);
        }

        SystemClient.Reply afterLock = client.check(id, code);
        assertThat(afterLock.body().path("valid").asBoolean()).isFalse();
        assertThat(afterLock.body().path("status").asString()).isEqualTo("max_attempts_reached");
    }

    @Test
    void shouldApproveExactlyOnceWhenTheRightCodeIsCheckedInParallel() throws Exception {
        String number = nextNumber();
        String id = client.requestVerification(number).body().path("id").asString();
        String code = client.awaitHeardCode(number);

        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Callable<Boolean>> checks = java.util.stream.IntStream.range(0, 32)
                    .<Callable<Boolean>>mapToObj(i -> () -> client.check(id, code).body().path("valid").asBoolean()).toList();
            long approvals = 0;
            for (Future<Boolean> result : pool.invokeAll(checks)) {
                approvals += result.get() ? 1 : 0;
            }
            assertThat(approvals).isEqualTo(1);
        }
    }

    @Test
    void shouldNotCallTwiceWhenARequestIsDeliveredAgain() throws Exception {
        String number = nextNumber();
        String id = client.requestVerification(number).body().path("id").asString();
        client.awaitHeardCode(number);

        // the same request again, as a redelivery would bring it, then a new request for the same number (by the
        // second app: the first app's pending verification would be answered again inside the resend cooldown):
        // same key, same partition, so once the second one is called the duplicate has been handled
        OtpRequest duplicate = OtpRequest.of(id, "demo", number, null, Instant.now(), Instant.now().plusSeconds(600));
        publish(duplicate);
        String laterId = client.requestVerificationAs(system.settings().secondApiKey(), number).body().path("id").asString();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.callsTo(number).size() >= 2);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(client.callsTo(number)).hasSize(2));
        assertThat(client.getVerificationAs(system.settings().secondApiKey(), laterId).body().path("call").path("requestUuid").asString())
                .isNotBlank();
    }

    /**
     * The paths a code takes besides the plain call, each approved with the code it read, so that the last tests
     * search every output for these codes too: a PHLO run (its payload carries the code), a PHLO run and a call
     * Plivo refuses once with a 500 before they go through, and a person pressing 1 to hear the code again (the
     * keypad's webhook reads it once more).
     */
    @Test
    void shouldApproveTheCodesOfPhloRunsRetriesAndReplays() {
        String phlo = nextNumber();
        String phloRefusedOnce = nextNumber();
        String callRefusedOnce = nextNumber();
        String heardTwice = nextNumber();
        client.addScenario("{\"number\":\"" + phloRefusedOnce + "\",\"count\":1,\"api\":\"server_error\"}");
        client.addScenario("{\"number\":\"" + callRefusedOnce + "\",\"count\":1,\"api\":\"server_error\"}");
        client.addScenario("{\"number\":\"" + heardTwice + "\",\"count\":1,\"digits\":[\"1\"]}");

        Map<String, String> ids = new java.util.LinkedHashMap<>();
        ids.put(phlo, client.requestVerification(phlo, "phlo").body().path("id").asString());
        ids.put(phloRefusedOnce, client.requestVerification(phloRefusedOnce, "phlo").body().path("id").asString());
        for (String number : List.of(callRefusedOnce, heardTwice)) {
            ids.put(number, client.requestVerification(number).body().path("id").asString());
        }
        Map<String, String> codes = new java.util.HashMap<>();
        ids.forEach((number, id) -> codes.put(number, client.awaitHeardCode(number)));
        ids.forEach((number, id) -> assertThat(client.check(id, codes.get(number)).body().path("valid").asBoolean())
                .as("the code heard at " + number).isTrue());

        for (String number : List.of(phloRefusedOnce, callRefusedOnce)) {
            assertThat(client.apiRequestsTo(number).findValuesAsString("status")).as("Plivo's answers for " + number)
                    .containsExactly("500", "201");
        }
        assertThat(client.apiRequestsTo(phlo).path(0).path("api").asString()).isEqualTo("phlo");
        String replayed = client.callsTo(heardTwice).path(0).path("spokenText").asString();
        assertThat(java.util.regex.Pattern.compile(String.join(" ?", codes.get(heardTwice).split(""))).matcher(replayed).results().count())
                .as("the code read twice, then twice more after the 1").isEqualTo(4);
    }

    @Test
    void shouldKeepTheGuidesInterfaceForUsersComingFromIt() {
        String number = nextNumber();
        String digitsOnly = number.substring(1);

        SystemClient.Reply dispatched = client.get(system.settings().gatewayPort(), "/dispatch_otp/" + digitsOnly);
        assertThat(dispatched.status()).isEqualTo(200);
        assertThat(dispatched.body().path("status").asString()).isEqualTo("success");
        assertThat(dispatched.body().path("message").asString()).isEqualTo("verification initiated");
        String code = client.awaitHeardCode(number);
        String wrong = code.equals("000000") ? "111111" : "000000";

        SystemClient.Reply mismatch = client.get(system.settings().verifierPort(), "/verify_otp/" + digitsOnly + "/" + wrong);
        assertThat(mismatch.body().path("message").asString()).isEqualTo("codes do not match, number not verified");
        SystemClient.Reply match = client.get(system.settings().verifierPort(), "/verify_otp/" + digitsOnly + "/" + code);
        assertThat(match.body().path("status").asString()).isEqualTo("success");
        assertThat(match.body().path("message").asString()).isEqualTo("codes match, number verified");
        NUMBERS.add("+14155559876");
        SystemClient.Reply unknown = client.get(system.settings().verifierPort(), "/verify_otp/14155559876/" + code);
        // an unknown number answers exactly as a wrong code: the route tells nobody who is verifying
        assertThat(unknown.body().path("message").asString()).isEqualTo("codes do not match, number not verified");
    }

    @Test
    void shouldAnswerBadInputWithAProblemNamingTheField() {
        SystemClient.Reply reply = client.requestVerification("4155550123");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("errors").path(0).path("field").asString()).isEqualTo("phoneNumber");
    }

    /**
     * On a cluster, every key the flows above wrote carries the {@code {otp}} hash tag: all of them sit in its one
     * slot, where every script's keys must be (a key without the tag would land on another primary, most likely).
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void shouldKeepEveryKeyInTheSlotOfTheOtpHashTag() {
        Assumptions.assumeTrue("cluster".equals(redis), "one redis-server has no slots");
        List<String> keys = new java.util.ArrayList<>();
        for (String node : system.redis().nodeUrls()) {
            RedisClient redisClient = RedisClient.create(node);
            try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
                keys.addAll(connection.sync().keys("*"));
            } finally {
                redisClient.shutdown();
            }
        }

        assertThat(keys).as("verifications, pointers, limits, nonces, the outbox, the schedule")
                .hasSizeGreaterThan(20)
                .allSatisfy(key -> assertThat(SlotHash.getSlot(key)).as(key).isEqualTo(SlotHash.getSlot(RedisKeys.PREFIX)));
        assertThat(keys).anyMatch(key -> key.startsWith(RedisKeys.verification("")))
                .contains(RedisKeys.pendingExpiries(), RedisKeys.eventOutbox());
    }

    /**
     * Runs last, after every other flow here (approval, wrong codes, lockout, parallel checks, redelivery, PHLO runs,
     * Plivo's refusals, a code heard again, the guide's endpoints) has produced codes: none of them may appear in any service's log, any Kafka record, any
     * Redis value, any metric, or the verification resource.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void shouldNeverExposeACodeInLogsKafkaRedisOrMetrics() {
        String number = nextNumber();
        String id = client.requestVerification(number).body().path("id").asString();
        String code = client.awaitHeardCode(number);
        assertThat(client.check(id, code).body().path("valid").asBoolean()).isTrue();
        SecretLeakScanner scanner = new SecretLeakScanner(client.heardCodes())
                .scanText("GET /v1/verifications/" + id, client.getVerification(id).body().toString());
        // the sandbox exports no metrics (it has no Prometheus registry); the three services do, on their management ports
        for (String service : List.of("api-gateway", "otp-worker", "verifier")) {
            String metrics = client.getText(system.service(service).managementPort(), "/actuator/prometheus");
            assertThat(metrics).as(service + " metrics").contains("jvm_memory_used_bytes");
            scanner.scanText(service + " metrics", metrics);
        }

        scanner.scanLogs(system.logDir()).scanKafka(system.kafkaBootstrapServers()).scanRedis(system.redis().nodeUrls());

        assertThat(client.heardCodes()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(scanner.findings()).isEmpty();
    }

    /**
     * Every request of every flow here was traced and exported (the guide's routes, whose URLs carry the number
     * and the code, included): no span, attribute or resource may carry a code heard or a full number. Runs last.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void shouldNeverExposeACodeOrAFullNumberInTraces() {
        // the batch span processors export every few seconds
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TRACES.hasSpansOf("api-gateway")
                && TRACES.hasSpansOf("otp-worker") && TRACES.hasSpansOf("verifier"));
        List<String> exports = TRACES.exports();
        TRACES.saveTo(Path.of("target", "e2e-traces.otlp.txt"));
        assertThat(String.join("", exports)).as("an exported span of a check").contains("/checks");

        SecretLeakScanner codes = new SecretLeakScanner(client.heardCodes());
        exports.forEach(export -> codes.scanText("exported spans", export));
        List<String> numbersFound = NUMBERS.stream()
                .flatMap(number -> Stream.of(number, number.substring(1)))
                .filter(number -> exports.stream().anyMatch(export -> export.contains(number)))
                .toList();

        assertThat(codes.findings()).isEmpty();
        assertThat(numbersFound).as("numbers in spans").isEmpty();
    }

    /** A number in a block of its own, so the per-block rate limit never links two tests. */
    private static String nextNumber() {
        String number = "+1415" + NEXT_NUMBER.getAndIncrement() + "0123";
        NUMBERS.add(number);
        return number;
    }

    private static void publish(OtpRequest request) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            String value = JsonMapper.builder().build().writeValueAsString(request);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.OTP_REQUESTS, request.phoneNumber(), value);
            // signed as the gateway signs: the worker calls for no other record
            record.headers().add(RecordSignature.HEADER,
                    RecordSignature.withSecret(system.settings().recordSecret()).sign(value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }
}
