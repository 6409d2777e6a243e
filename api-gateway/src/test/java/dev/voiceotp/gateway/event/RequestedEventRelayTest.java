package dev.voiceotp.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpEventsTopic;
import dev.voiceotp.gateway.OtpRequestsTopic.Message;

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

        assertThat(settledRequestedEvents(ids)).allSatisfy((id, events) -> assertThat(events).singleElement()
                .satisfies(event -> assertThat(event.value().path("eventId").asString())
                        .isEqualTo(RelayedEvents.eventId(OtpEventType.REQUESTED, id, ""))));
    }

    @Test
    void shouldPublishTheEventsOfRequestsAcceptedWhileItWasStoppedOnceItRuns() throws Exception {
        String before = createdId(SHOP_KEY, "+14155550156");
        assertThat(settledRequestedEvents(List.of(before)).get(before)).hasSize(1);
        MessageListenerContainer relay = listeners.getListenerContainer(RequestedEventRelay.ID);
        assertThat(relay).isNotNull();

        relay.stop();
        String first = createdId(SHOP_KEY, "+14155550157");
        String second = createdId(OTHER_KEY, "+14155550158");
        relay.start();

        // the earlier request's offset was committed before the stop: it is not reported again
        assertThat(settledRequestedEvents(List.of(before, first, second)))
                .allSatisfy((id, events) -> assertThat(events).as("requested events of %s", id).hasSize(1));
    }

    /**
     * The requested events of these verifications, read once all have arrived and a second later again: a duplicate
     * would be published with its batch, or right after the relay (re)joins its group.
     */
    private static Map<String, List<Message>> settledRequestedEvents(List<String> ids) {
        await().atMost(Duration.ofSeconds(30)).until(RequestedEventRelayTest::requestedById,
                events -> events.keySet().containsAll(ids));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() -> true);
        Map<String, List<Message>> events = requestedById();
        events.keySet().retainAll(ids);
        return events;
    }

    private static Map<String, List<Message>> requestedById() {
        return OtpEventsTopic.all().stream()
                .filter(event -> "requested".equals(event.value().path("type").asString()))
                .collect(Collectors.groupingBy(event -> event.value().path("verificationId").asString(),
                        Collectors.mapping(Function.identity(), Collectors.toList())));
    }
}
