package dev.voiceotp.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;
import dev.voiceotp.worker.OtpWorkerApplication;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.WorkerTestConfig;
import tools.jackson.databind.JsonNode;

/**
 * Three workers (this test's context and two more in the same JVM: same Kafka group, same Redis, same Plivo
 * account) under a limit of 5 calls per second. Plivo counts calls as their API requests arrive, so the
 * sandbox's arrival times are what must never hold more than 5 in any one-second window. Half-way, one worker
 * shuts down gracefully: what it holds is finished, its partitions move to the others, and still every
 * verification gets exactly one call.
 */
class AccountPacingTest extends WorkerIntegrationTest {

    private static final int LIMIT = 5;
    private static final int REQUESTS = 40;
    private static final List<ConfigurableApplicationContext> otherWorkers = new ArrayList<>();

    @BeforeAll
    static void startTwoMoreWorkers() {
        for (int i = 1; i <= 2; i++) {
            Map<String, Object> properties = new HashMap<>(WorkerTestConfig.properties(RedisServerProcess.freePort()));
            TestInfrastructure.Endpoints servers = TestInfrastructure.endpoints();
            properties.put("spring.kafka.bootstrap-servers", servers.kafkaBootstrapServers());
            properties.put("spring.data.redis.url", servers.redisUrl());
            properties.put("spring.kafka.listener.client-id", "paced-worker-" + i);
            properties.put("spring.jmx.enabled", "false");
            // as command-line arguments: they must win over application.yml, as the test context's properties do
            String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
            otherWorkers.add(new SpringApplicationBuilder(OtpWorkerApplication.class).run(arguments));
        }
    }

    @AfterAll
    static void stopThem() {
        otherWorkers.forEach(ConfigurableApplicationContext::close);
    }

    @Autowired
    private ConfigurableApplicationContext thisWorker;

    @Test
    void shouldKeepAllWorkersTogetherWithinTheAccountLimitAndCallEachNumberOnce() {
        // all three must be calling from the start: a worker whose listeners join the group late may find every
        // request called already, and three workers starting their first calls at once is the case to pace
        await().atMost(Duration.ofSeconds(60)).until(this::everyWorkerHoldsPartitions);
        List<OtpRequest> requests = IntStream.range(0, REQUESTS).mapToObj(i -> newRequest()).toList();
        requests.forEach(WorkerIntegrationTest::publish);
        Set<String> numbers = requests.stream().map(OtpRequest::phoneNumber).collect(Collectors.toSet());

        ConfigurableApplicationContext stopping = otherWorkers.getLast();
        int stoppingPort = Integer.parseInt(stopping.getEnvironment().getRequiredProperty("server.port"));
        await().atMost(Duration.ofSeconds(60)).until(() -> callsTo(numbers).stream()
                .filter(call -> URI.create(call.path("answerUrl").asString()).getPort() == stoppingPort).count() >= 2);
        stopping.close();

        await().atMost(Duration.ofSeconds(60)).until(() -> callsTo(numbers).stream().map(call -> call.path("to").asString())
                .collect(Collectors.toSet()).size() == REQUESTS);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> callsTo(numbers).size() == REQUESTS);

        List<JsonNode> calls = callsTo(numbers);
        List<Instant> arrivals = calls.stream().map(AccountPacingTest::arrival).sorted().toList();
        for (int i = 0; i < arrivals.size(); i++) {
            Instant windowEnd = arrivals.get(i).plusSeconds(1);
            long inWindow = arrivals.subList(i, arrivals.size()).stream().takeWhile(at -> at.isBefore(windowEnd)).count();
            assertThat(inWindow).as("calls arriving in the second from %s; all arrivals: %s", arrivals.get(i), arrivals)
                    .isLessThanOrEqualTo(LIMIT);
        }
        Set<Integer> workers = calls.stream().map(call -> URI.create(call.path("answerUrl").asString()).getPort()).collect(Collectors.toSet());
        assertThat(workers).as("workers that placed calls").hasSize(3);
        assertThat(Duration.between(arrivals.getFirst(), arrivals.getLast())).isGreaterThanOrEqualTo(Duration.ofMillis((REQUESTS - 1) * 1000L / LIMIT));
    }

    private boolean everyWorkerHoldsPartitions() {
        List<Integer> held = Stream.concat(Stream.of(thisWorker), otherWorkers.stream()).map(AccountPacingTest::partitionsHeld).toList();
        return !held.contains(0) && held.stream().mapToInt(Integer::intValue).sum() == WorkerTestConfig.REQUEST_PARTITIONS;
    }

    private static int partitionsHeld(ConfigurableApplicationContext worker) {
        MessageListenerContainer listeners = worker.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("otp-requests");
        Collection<TopicPartition> partitions = listeners == null ? null : listeners.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    private List<JsonNode> callsTo(Set<String> numbers) {
        return sandbox.allCalls().stream().filter(call -> numbers.contains(call.path("to").asString())).toList();
    }

    /** When the Call API request reached the sandbox. */
    private static Instant arrival(JsonNode call) {
        JsonNode at = call.path("apiRequestedAt").isMissingNode() ? call.path("createdAt") : call.path("apiRequestedAt");
        return Instant.parse(at.asString());
    }
}
