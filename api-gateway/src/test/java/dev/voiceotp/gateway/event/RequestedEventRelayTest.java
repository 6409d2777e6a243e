package dev.voiceotp.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpEventsTopic;
import dev.voiceotp.gateway.OtpRequestsTopic.Message;
import dev.voiceotp.testsupport.TestInfrastructure;

/** The event relay on the real broker: one {@code requested} event per accepted request, also across a restart. */
class RequestedEventRelayTest extends GatewayIntegrationTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void shouldPublishOneRequestedEventPerAcceptedRequest() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createdId(SHOP_KEY, "+1415555015" + i));
        }

        assertThat(requestedEventsOnceRelayed(ids)).allSatisfy((id, events) -> assertThat(events).singleElement()
                .satisfies(event -> assertThat(event.value().path("eventId").asString())
                        .isEqualTo(RelayedEvents.eventId(OtpEventType.REQUESTED, id, ""))));
    }

    @Test
    void shouldPublishTheEventsOfRequestsAcceptedWhileItWasStoppedOnceItRuns() throws Exception {
        String before = createdId(SHOP_KEY, "+14155550156");
        assertThat(requestedEventsOnceRelayed(List.of(before)).get(before)).hasSize(1);
        MessageListenerContainer relay = listeners.getListenerContainer(RequestedEventRelay.ID);
        assertThat(relay).isNotNull();

        relay.stop();
        String first = createdId(SHOP_KEY, "+14155550157");
        String second = createdId(OTHER_KEY, "+14155550158");
        relay.start();

        // the earlier request's offset was committed before the stop: it is not reported again
        assertThat(requestedEventsOnceRelayed(List.of(before, first, second)))
                .allSatisfy((id, events) -> assertThat(events).as("requested events of %s", id).hasSize(1));
    }

    /**
     * The requested events of these verifications, read once the relay's group has committed every request on the
     * topic: the relay commits a batch only after its events are acked, so by then every event it will publish for
     * these requests, a duplicate included, is on the events topic.
     */
    private static Map<String, List<Message>> requestedEventsOnceRelayed(List<String> ids) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.endpoints().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> relayCaughtUp(admin));
        }
        Map<String, List<Message>> events = OtpEventsTopic.all().stream()
                .filter(event -> "requested".equals(event.value().path("type").asString()))
                .collect(Collectors.groupingBy(event -> event.value().path("verificationId").asString(),
                        Collectors.mapping(Function.identity(), Collectors.toList())));
        assertThat(events).containsKeys(ids.toArray(String[]::new));
        events.keySet().retainAll(ids);
        return events;
    }

    private static boolean relayCaughtUp(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(RequestedEventRelay.GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.OTP_REQUESTS)).allTopicNames().get()
                .get(Topics.OTP_REQUESTS).partitions().stream()
                .collect(Collectors.toMap(partition -> new TopicPartition(Topics.OTP_REQUESTS, partition.partition()),
                        partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata done = committed.get(end.getKey());
            return (done == null ? 0 : done.offset()) >= end.getValue().offset();
        });
    }
}
