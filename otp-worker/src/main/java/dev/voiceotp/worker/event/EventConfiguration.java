package dev.voiceotp.worker.event;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.worker.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;

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

    @Bean
    OtpEventPublisher otpEventPublisher(KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
        return new OtpEventPublisher(kafka, meters);
    }
}
