package dev.voiceotp.contract.kafka;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * Kafka templates on a service's one producer that neither observe nor time their sends: for sends that belong
 * to no sampled trace, where an observation would cost a span, scopes and a timer for nothing. Created by hand,
 * not as beans, because a {@code KafkaTemplate} bean would replace the observed one Boot builds.
 */
public final class UnobservedKafkaTemplates {

    private UnobservedKafkaTemplates() {
    }

    /**
     * @param listener the service's producer listener, which (unlike Boot's default) never logs record contents
     */
    @SuppressWarnings("unchecked")
    public static <V> KafkaTemplate<String, V> create(ProducerFactory<String, ?> producerFactory,
            ProducerListener<Object, Object> listener) {
        KafkaTemplate<String, V> template = new KafkaTemplate<>((ProducerFactory<String, V>) producerFactory);
        template.setMicrometerEnabled(false);
        template.setObservationEnabled(false);
        template.setProducerListener((ProducerListener<String, V>) (ProducerListener<?, ?>) listener);
        return template;
    }
}
