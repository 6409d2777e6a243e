package dev.voiceotp.verifier.event;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.ProducerListener;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OutboxRelay;
import dev.voiceotp.verifier.VerifierProperties;
import io.micrometer.core.instrument.MeterRegistry;

/** The events topic and the shared publisher, on the producer Boot builds from {@code spring.kafka.*}. */
@Configuration(proxyBeanMethods = false)
class EventPublishingConfiguration {

    @Bean
    NewTopic otpEventsTopic(VerifierProperties properties) {
        return new NewTopic(Topics.OTP_EVENTS, properties.eventsTopic().partitions(), properties.eventsTopic().replicationFactor());
    }

    @Bean
    OtpEventPublisher otpEventPublisher(KafkaOperations<String, Object> kafka, MeterRegistry meters, ObjectProvider<OutboxRelay> outbox) {
        return new OtpEventPublisher(kafka, meters, outbox.getIfAvailable());
    }

    /**
     * Replaces Boot's logging listener, which would log every failed send with its record and a stack trace;
     * {@link OtpEventPublisher} already logs each failure once and counts it.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {
        };
    }
}
