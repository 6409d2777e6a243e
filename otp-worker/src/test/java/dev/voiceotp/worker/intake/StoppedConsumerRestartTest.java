package dev.voiceotp.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.worker.WorkerIntegrationTest;

/**
 * The request listener stopped as spring-kafka stops it when the group coordinator fences one of its consumers (the
 * listener stopped abnormally, the consumer reporting {@code FENCED}) is started again and calls the requests.
 */
class StoppedConsumerRestartTest extends WorkerIntegrationTest {

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void shouldStartTheListenerAgainWhenAFencedConsumerStoppedIt() throws InterruptedException {
        var listener = (ConcurrentMessageListenerContainer<?, ?>) registry.getListenerContainer(OtpRequestListener.ID);
        assertThat(listener).isNotNull();
        KafkaMessageListenerContainer<?, ?> fenced = listener.getContainers().getFirst();

        CountDownLatch stopped = new CountDownLatch(1);
        listener.stopAbnormally(stopped::countDown);
        assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.isRunning()).isFalse();
        events.publishEvent(new ConsumerStoppedEvent(fenced, listener, ConsumerStoppedEvent.Reason.FENCED));

        await().atMost(seconds(60)).until(() -> listener.isRunning()
                && listener.getContainers().stream().allMatch(MessageListenerContainer::isRunning));
        List<OtpRequest> requests = IntStream.range(0, 6).mapToObj(i -> newRequest()).toList();
        requests.forEach(WorkerIntegrationTest::publish);
        await().atMost(seconds(60)).untilAsserted(() -> requests.forEach(request ->
                assertThat(sandbox.heardCode(request.phoneNumber())).as("called").isNotNull()));
    }
}
