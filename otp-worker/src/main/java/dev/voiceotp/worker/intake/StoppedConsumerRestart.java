package dev.voiceotp.worker.intake;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Starts the request listener again when one of its consumers stopped for a reason other than a stop the application
 * asked for. Kafka's client can fence a static member ({@code voice-otp.worker.instance-id}) by its own abandoned
 * JoinGroup once a stalled group coordinator answers again, and spring-kafka then stops the whole listener for good:
 * the worker would hold its partitions, and the requests waiting in them, until it was restarted. A stop the
 * application asks for (its shutdown) ends its consumers with reason {@code NORMAL} and stops the endpoint registry.
 */
@Component
class StoppedConsumerRestart {

    private static final Logger log = LoggerFactory.getLogger(StoppedConsumerRestart.class);

    /** Time for the group coordinator to settle before the consumers join again. */
    static final Duration DELAY = Duration.ofSeconds(5);

    private final KafkaListenerEndpointRegistry registry;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("listener-restart").factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();

    StoppedConsumerRestart(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void consumerStopped(ConsumerStoppedEvent event) {
        if (event.getReason() == ConsumerStoppedEvent.Reason.NORMAL || !scheduled.compareAndSet(false, true)) {
            return;
        }
        log.warn("A consumer of the request listener stopped on its own ({}); starting the listener again in {} s",
                event.getReason(), DELAY.toSeconds());
        restarts.schedule(this::restart, DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        scheduled.set(false);
        MessageListenerContainer listener = registry.getListenerContainer(OtpRequestListener.ID);
        if (listener == null || !registry.isRunning()) {
            return; // the worker is stopping
        }
        if (listener.isRunning()) {
            listener.stop(); // the other consumers still run: all join again together
        }
        listener.start();
        log.info("The request listener started again");
    }

    @PreDestroy
    void close() {
        restarts.shutdownNow();
    }
}
