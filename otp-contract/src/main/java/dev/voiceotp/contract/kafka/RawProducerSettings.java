package dev.voiceotp.contract.kafka;

import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Settings of a producer a service builds beside Boot's, for records it forwards as they are (dead letters): the
 * service's {@code spring.kafka.producer.*} (acks, idempotence, timeouts), on the brokers Boot's own producer uses.
 * Those come from Boot's {@link KafkaConnectionDetails}, which reads {@code spring.kafka.bootstrap-servers} unless a
 * service connection (a test's, Docker Compose's) replaced it; {@link KafkaProperties} alone would miss that.
 */
public final class RawProducerSettings {

    private RawProducerSettings() {
    }

    /** String keys; the value serializer is the caller's. */
    public static Map<String, Object> of(KafkaProperties properties, KafkaConnectionDetails connection) {
        Map<String, Object> config = properties.buildProducerProperties();
        KafkaConnectionDetails.Configuration producer = connection.getProducer();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, producer.getBootstrapServers());
        if (producer.getSecurityProtocol() != null) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, producer.getSecurityProtocol());
        }
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // the events' JSON settings (spring.json.*) would clash with the caller's value serializer
        config.keySet().removeIf(name -> name.startsWith("spring.json."));
        return config;
    }
}
