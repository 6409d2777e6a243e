package dev.voiceotp.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

        for (String id : ids) {
            assertThat(requestedEventsOnceSettled(id)).singleElement().satisfies(event ->
                    assertThat(event.value().path("eventId").asString())
                            .isEqualTo(RelayedEvents.eventId(OtpEventType.REQUESTED, id, "")));
        }
    }

    @Test
    void shouldPublishTheEventsOfRequestsAcceptedWhileItWasStoppedOnceItRuns() throws Exception {
        String before = createdId(SHOP_KEY, "+14155550156");
        assertThat(requestedEventsOnceSettled(before)).hasSize(1);
        MessageListenerContainer relay = listeners.getListenerContainer(RequestedEventRelay.ID);
        assertThat(relay).isNotNull();

        relay.stop();
        List<String> whileStopped = List.of(createdId(SHOP_KEY, "+14155550157"), createdId(OTHER_KEY, "+14155550158"));
        relay.start();

        for (String id : whileStopped) {
            assertThat(requestedEventsOnceSettled(id)).hasSize(1);
        }
        // its offsets were committed before the stop: the earlier request is not reported again
        assertThat(requestedEventsOnceSettled(before)).hasSize(1);
    }

    /** Waits for the verification's requested event, then gives a duplicate time to show up. */
    private static List<Message> requestedEventsOnceSettled(String id) {
        int seen = await().atMost(Duration.ofSeconds(20)).until(() -> requested(id).size(), size -> size > 0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> requested(id).size() == seen);
        return requested(id);
    }

    private static List<Message> requested(String id) {
        List<Message> events = new ArrayList<>(OtpEventsTopic.eventsFor("shop", id));
        events.addAll(OtpEventsTopic.eventsFor("other", id));
        return events.stream().filter(event -> "requested".equals(event.value().path("type").asString())).toList();
    }
}
