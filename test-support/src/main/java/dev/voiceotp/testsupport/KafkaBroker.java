package dev.voiceotp.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker (KRaft) inside this JVM on a free port. Broker settings make consumer
 * groups form at once, write offset commits without lingering, and keep internal topics to one replica, as a
 * one-node cluster needs.
 *
 * <p>Its data is removed by {@link #close()}, after the broker has stopped. Kafka's test kit would otherwise also
 * delete the data folders from JVM shutdown hooks of its own, which run at the same time as whatever stops the
 * broker's clients first: the broker then fails on files vanishing under it.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final List<Runnable> dataRemovals;
    private boolean closed;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker, List<Runnable> dataRemovals) {
        this.broker = broker;
        this.dataRemovals = dataRemovals;
    }

    public static KafkaBroker start(int partitions, String... topics) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, topics);
        broker.brokerProperties(Map.of(
                "offsets.topic.num.partitions", "1",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true",
                // offset commits are written at once instead of after Kafka's 5 ms linger: the worker's listeners
                // commit after each poll and wait for it (7 ms on average at 200 calls/s, 2 ms without the linger)
                "group.coordinator.append.linger.ms", "0"));
        List<Runnable> dataRemovals = new ArrayList<>();
        synchronized (KafkaBroker.class) {
            // the test kit registers the removal of each temporary folder it creates through Kafka's Exit
            Exit.setShutdownHookAdder((name, removal) -> dataRemovals.add(removal));
            try {
                broker.afterPropertiesSet();
            } finally {
                Exit.resetShutdownHookAdder();
            }
        }
        return new KafkaBroker(broker, dataRemovals);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Stops the broker, then removes its data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        broker.destroy();
        dataRemovals.forEach(Runnable::run);
    }
}
