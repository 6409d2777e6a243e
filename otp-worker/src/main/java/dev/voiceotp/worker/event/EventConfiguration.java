package dev.voiceotp.worker.event;

import org.apache.kafka.clients.admin.NewTopic;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OutboxRelay;
import dev.voiceotp.contract.kafka.UnobservedKafkaTemplates;
import dev.voiceotp.contract.tracing.Sampling;
import dev.voiceotp.worker.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;

/**
 * The events topic and its publisher. Boot builds the Kafka template from {@code spring.kafka.producer.*}
 * (String keys, JSON values without type headers, idempotent, {@code acks=all}).
 */
@Configuration(proxyBeanMethods = false)
class EventConfiguration {

    @Bean
    NewTopic otpEventsTopic(WorkerProperties properties) {
        return new NewTopic(Topics.OTP_EVENTS, properties.events().partitions(), properties.events().replicationFactor());
    }

    /**
     * Sends outside a sampled trace skip the observation (the worker sends several events per call); the decision is
     * the current span's, that is the Kafka listener's or the webhook request's.
     */
    @Bean
    OtpEventPublisher otpEventPublisher(KafkaTemplate<String, Object> kafka, ProducerFactory<String, Object> producerFactory,
            ObjectProvider<ProducerListener<Object, Object>> listener, ObjectProvider<Tracer> tracer, MeterRegistry meters,
            ObjectProvider<OutboxRelay> outbox) {
        KafkaTemplate<String, Object> unobserved = UnobservedKafkaTemplates.create(producerFactory,
                listener.getIfAvailable(LoggingProducerListener::new));
        @Nullable Tracer currentTracer = tracer.getIfAvailable();
        return new OtpEventPublisher(kafka, unobserved, () -> Sampling.currentlySampled(currentTracer), meters,
                outbox.getIfAvailable());
    }
}
