package dev.voiceotp.contract.health;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Gives the {@link KafkaAdmin} its cluster id at startup, so that observed Kafka sends and listeners never ask
 * for it themselves. spring-kafka's observation names the remote service after the cluster id and, while it is
 * unknown, fetches it through a new admin client on the sending thread, waiting up to the admin's operation
 * timeout (30 s) on every send while the broker is down: a request thread in the gateway would hang instead of
 * answering 503. With the id set here (or {@code "unknown"} when the cluster did not answer at startup), template
 * and listener observation can stay on.
 */
final class KafkaClusterIdPrimer implements SmartInitializingSingleton {

    static final String UNKNOWN = "unknown";

    private final KafkaAdmin kafkaAdmin;
    private final KafkaClusterProbe probe;

    KafkaClusterIdPrimer(KafkaAdmin kafkaAdmin, KafkaClusterProbe probe) {
        this.kafkaAdmin = kafkaAdmin;
        this.probe = probe;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (kafkaAdmin.getClusterId() == null) {
            String clusterId = probe.clusterId();
            kafkaAdmin.setClusterId(clusterId != null ? clusterId : UNKNOWN);
        }
    }
}
