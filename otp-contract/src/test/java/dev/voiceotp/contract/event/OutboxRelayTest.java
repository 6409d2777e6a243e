package dev.voiceotp.contract.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;
import dev.voiceotp.testsupport.TestRedis;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event outbox on the real redis-server and broker: what the relay sends arrives on {@code otp.events.v1},
 * and nothing written to the outbox is lost when Kafka refuses it, when a relay dies after reading it, or when an
 * entry beside it cannot be read.
 */
class OutboxRelayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final StringRedisTemplate redis = TestRedis.template();
    private static DefaultKafkaProducerFactory<String, Object> working;
    private static DefaultKafkaProducerFactory<String, Object> unreachable;
    private static KafkaConsumer<String, String> topic;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventOutbox outbox = new EventOutbox(redis, JSON);
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeAll
    static void connect() {
        TestInfrastructure.Endpoints servers = TestInfrastructure.endpoints();
        working = producers(servers.kafkaBootstrapServers());
        unreachable = producers("127.0.0.1:" + RedisServerProcess.freePort());
        topic = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.OTP_EVENTS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // created by an earlier test in this JVM: fine
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not create " + Topics.OTP_EVENTS, e);
        }
        topic.subscribe(List.of(Topics.OTP_EVENTS));
    }

    @AfterAll
    static void disconnect() {
        topic.close();
        working.destroy();
        unreachable.destroy();
    }

    @BeforeEach
    void emptyOutbox() {
        redis.delete(RedisKeys.eventOutbox());
        // joins the topic before anything is sent: events from now on are read
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            pollTopicFor(Duration.ofMillis(100));
            return !topic.assignment().isEmpty();
        });
        topic.assignment().forEach(topic::position);
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
    }

    @Test
    void shouldSendEventsWrittenWithinItsLingerInOneRead() throws InterruptedException {
        OutboxRelay relay = start(working, Duration.ofSeconds(2), Duration.ofMillis(700));
        OtpEvent alone = event();
        relay.submit(alone);
        awaitOnTopic(Set.of(alone.eventId()));
        DistributionSummary batches = meters.get("otp.events.outbox.batch").summary();
        assertThat(batches.count()).as("a first read with the first event").isEqualTo(1);
        OtpEvent first = event();
        OtpEvent second = event();

        relay.submit(first);
        Thread.sleep(200);
        relay.submit(second);

        awaitOnTopic(Set.of(first.eventId(), second.eventId()));
        assertThat(batches.count()).as("one more read").isEqualTo(2);
        assertThat(batches.totalAmount()).as("with both events").isEqualTo(3);
    }

    @Test
    void shouldRelayAnEventToKafkaOnceAndEmptyTheOutbox() {
        OutboxRelay relay = start(working, Duration.ofSeconds(2));
        OtpEvent event = event();

        relay.submit(event);

        awaitOnTopic(Set.of(event.eventId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
        pollTopicFor(Duration.ofSeconds(1));
        assertThat(seen).containsEntry(event.eventId(), 1);
        assertThat(meters.counter("otp.events.published", "type", "approved", "outcome", "published").count()).isEqualTo(1);
        assertThat(redis.opsForStream().pending(RedisKeys.eventOutbox(), EventOutbox.GROUP).getTotalPendingMessages())
                .as("acknowledged as well as deleted").isZero();
    }

    @Test
    void shouldKeepWhatKafkaRefusesAndDeliverItOnceKafkaTakesIt() {
        OutboxRelay refusing = start(unreachable, Duration.ofSeconds(1));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            OtpEvent event = event();
            ids.add(event.eventId());
            refusing.submit(event);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.counter("otp.events.outbox.relayed", "outcome", "refused").count() > 0);
        refusing.stop();
        assertThat(outbox.size()).as("every refused event still waits in the outbox").isEqualTo(20);

        start(working, Duration.ofSeconds(1));

        awaitOnTopic(ids);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
    }

    @Test
    void shouldTakeOverWhatADeadRelayReadAndNeverAcknowledged() {
        outbox.createGroup();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            OtpEvent event = event();
            ids.add(event.eventId());
            outbox.append(event);
        }
        assertThat(outbox.doneThenTakeNew(List.of(), "relay-that-died", 10)).hasSize(5);

        start(working, Duration.ofSeconds(1));

        awaitOnTopic(ids);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
    }

    @Test
    void shouldDropAnEntryThatIsNotAnEventAndRelayTheOthers() {
        redis.opsForStream().add(RedisKeys.eventOutbox(), Map.of("event", "{not an event"));
        OtpEvent event = event();
        outbox.append(event);

        start(working, Duration.ofSeconds(2));

        awaitOnTopic(Set.of(event.eventId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.size() == 0);
        assertThat(meters.counter("otp.events.outbox.relayed", "outcome", "unreadable").count()).isEqualTo(1);
    }

    @Test
    void shouldDeleteWhatItRelayedWhenItStopsBeforeItsNextRead() {
        OtpEvent event = event();
        // written before the relay starts, without waking it: its first read takes the event, and its next read
        // would come only a second later
        outbox.append(event);
        OutboxRelay relay = start(working, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> meters.counter("otp.events.outbox.relayed", "outcome", "relayed").count() == 1);
        assertThat(outbox.size()).as("on Kafka, still in the stream until the next read").isEqualTo(1);

        relay.stop();

        assertThat(outbox.size()).as("deleted on the way out, not left for another relay to send again").isZero();
        assertThat(redis.opsForStream().pending(RedisKeys.eventOutbox(), EventOutbox.GROUP).getTotalPendingMessages()).isZero();
    }

    @Test
    void shouldAcknowledgeAndDeleteWhatIsDoneAndReadWhatIsNewInOneStep() {
        outbox.createGroup();
        OtpEvent first = event();
        OtpEvent second = event();
        outbox.append(first);
        outbox.append(second);
        List<EventOutbox.Entry> taken = outbox.doneThenTakeNew(List.of(), "relay", 10);
        assertThat(taken).extracting(entry -> entry.event().eventId()).containsExactly(first.eventId(), second.eventId());
        OtpEvent third = event();
        outbox.append(third);
        redis.opsForStream().add(RedisKeys.eventOutbox(), Map.of("other", "field"));

        List<EventOutbox.Entry> next = outbox.doneThenTakeNew(List.of(taken.get(0).id()), "relay", 10);

        assertThat(next).hasSize(2);
        assertThat(next.get(0).event().eventId()).isEqualTo(third.eventId());
        assertThat(next.get(1).event()).as("an entry without an event").isNull();
        assertThat(outbox.size()).as("the second entry and the two new ones stay until done").isEqualTo(3);
        assertThat(redis.opsForStream().pending(RedisKeys.eventOutbox(), EventOutbox.GROUP).getTotalPendingMessages())
                .as("the second entry and the two new ones are the relay's").isEqualTo(3);
        assertThat(outbox.doneThenTakeNew(List.of(), "relay", 10)).as("nothing new").isEmpty();
    }

    private OutboxRelay start(DefaultKafkaProducerFactory<String, Object> producers, Duration claimAfter) {
        return start(producers, claimAfter, Duration.ZERO);
    }

    private OutboxRelay start(DefaultKafkaProducerFactory<String, Object> producers, Duration claimAfter, Duration linger) {
        OutboxRelay relay = new OutboxRelay(outbox, new KafkaTemplate<>(producers),
                new EventsProperties.Outbox(true, claimAfter, Duration.ofSeconds(3), linger), "test", meters);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private void awaitOnTopic(Set<String> ids) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            pollTopicFor(Duration.ofMillis(200));
            assertThat(seen.keySet()).containsAll(ids);
        });
    }

    private void pollTopicFor(Duration duration) {
        for (ConsumerRecord<String, String> record : topic.poll(duration)) {
            OtpEvent event = JSON.readValue(record.value(), OtpEvent.class);
            seen.merge(event.eventId(), 1, Integer::sum);
        }
    }

    private static OtpEvent event() {
        return OtpEvent.of(OtpEventType.APPROVED, UUID.randomUUID().toString(), "shop", Instant.now(), "US", null);
    }

    private static DefaultKafkaProducerFactory<String, Object> producers(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        JacksonJsonSerializer<Object> values = new JacksonJsonSerializer<>();
        values.setAddTypeInfo(false);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), values);
    }
}
