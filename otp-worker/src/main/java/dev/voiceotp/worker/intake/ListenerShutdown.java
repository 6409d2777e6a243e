package dev.voiceotp.worker.intake;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;

/**
 * Graceful shutdown of the listener: the container stops only after the records of its last poll are handled
 * and their offsets committed ({@code spring.kafka.listener.immediate-stop=false}, few records per poll), and
 * waits for that a little less than Spring's shutdown phase allows, so the phase never cuts it off mid-call.
 * A request still waiting for its pacing slot when the wait ends is handed back to Kafka, not lost.
 */
@Component
class ListenerShutdown {

    private static final Duration HEADROOM = Duration.ofSeconds(5);

    private final long timeoutMillis;
    private final @Nullable String instanceId;

    ListenerShutdown(LifecycleProperties lifecycle, WorkerProperties properties) {
        this.timeoutMillis = Math.max(1_000, lifecycle.getTimeoutPerShutdownPhase().minus(HEADROOM).toMillis());
        this.instanceId = properties.instanceId();
    }

    void customize(ConcurrentMessageListenerContainer<?, ?> container) {
        container.getContainerProperties().setShutdownTimeout(timeoutMillis);
        if (instanceId != null && !instanceId.isBlank()) {
            // static membership: a restarted worker takes its partitions back at once, without a rebalance
            // (spring-kafka suffixes the id per listener thread)
            container.getContainerProperties().getKafkaConsumerProperties().setProperty("group.instance.id", instanceId);
        }
    }
}
