package dev.voiceotp.gateway.event;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.backoff.FixedBackOff;

import dev.voiceotp.contract.kafka.UnobservedKafkaTemplates;
import dev.voiceotp.contract.record.RecordSigningProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link RequestedEventRelay} needs besides Boot's listener container factory: the error handler (the only
 * listener of the gateway is the relay), the mapping of records to events, and a template without observation.
 */
@Configuration(proxyBeanMethods = false)
class EventRelayConfiguration {

    /** The wait between two attempts at a batch whose events were not acked. */
    private static final long RETRY_INTERVAL_MS = 1000;

    /**
     * A failed batch is retried for as long as it takes: dropping it would lose events (there is no dead-letter
     * topic for events that could not be published, only a broker to wait for).
     */
    @Bean
    CommonErrorHandler relayErrorHandler() {
        return new DefaultErrorHandler(new FixedBackOff(RETRY_INTERVAL_MS, FixedBackOff.UNLIMITED_ATTEMPTS));
    }

    @Bean
    RelayedEvents relayedEvents(JsonMapper json, RecordSigningProperties signing) {
        return new RelayedEvents(json, signing.gatewayVerifier());
    }

    /**
     * The relay's sends on the gateway's producer (shared, so one producer serves requests and events), without
     * observation: a batch of events belongs to no request's trace. Not a {@code KafkaTemplate} bean, which would
     * replace Boot's.
     */
    @Bean
    RelayTemplate relayTemplate(ProducerFactory<String, Object> producerFactory, ProducerListener<Object, Object> listener) {
        return new RelayTemplate(UnobservedKafkaTemplates.create(producerFactory, listener));
    }

    /** The relay's template, wrapped so that it is not a second {@code KafkaTemplate} bean. */
    record RelayTemplate(KafkaTemplate<String, Object> operations) {
    }
}
