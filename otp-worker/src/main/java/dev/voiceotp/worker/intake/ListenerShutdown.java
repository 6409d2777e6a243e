package dev.voiceotp.worker.intake;

import java.time.Duration;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import dev.voiceotp.worker.WorkerProperties;

/**
 * Graceful shutdown of the listener: the container stops only after the records of its last poll are handled
 * and their offsets committed ({@code spring.kafka.listener.immediate-stop=false}, few records per poll), and
 * waits for that a little less than Spring's shutdown phase allows, so the phase never cuts it off mid-call.
 * A request still waiting for its pacing slot when the wait ends is handed back to Kafka, not lost.
 */
@Configuration(proxyBeanMethods = false)
class ListenerShutdown {

    private static final Duration HEADROOM = Duration.ofSeconds(5);

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> listenerShutdownTimeout(LifecycleProperties lifecycle,
            WorkerProperties properties) {
        long timeout = Math.max(1_000, lifecycle.getTimeoutPerShutdownPhase().minus(HEADROOM).toMillis());
        return container -> {
            container.getContainerProperties().setShutdownTimeout(timeout);
            if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
                // static membership: a restarted worker takes its partitions back at once, without a rebalance
                // (spring-kafka suffixes the id per listener thread)
                container.getContainerProperties().getKafkaConsumerProperties().setProperty("group.instance.id", properties.instanceId());
            }
        };
    }
}
