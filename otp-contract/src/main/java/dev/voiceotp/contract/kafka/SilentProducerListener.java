package dev.voiceotp.contract.kafka;

import org.springframework.kafka.support.ProducerListener;

/**
 * A producer listener that logs nothing, for every Kafka template of the services: Spring Kafka's default
 * ({@code LoggingProducerListener}) logs each failed send with the record's key and value, which for a request is its
 * phone number in clear. The senders log their failures themselves, without secrets. Boot's template gets it through
 * {@link QuietProducerListenerAutoConfiguration}; a template built by hand must set it.
 */
public final class SilentProducerListener {

    private SilentProducerListener() {
    }

    public static <K, V> ProducerListener<K, V> instance() {
        return new ProducerListener<>() {
        };
    }
}
