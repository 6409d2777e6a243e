package dev.voiceotp.gateway.event;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OutboxRelay;
import dev.voiceotp.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The shared event publisher on the gateway's Kafka template (idempotent producer, {@code acks=all}, no logging of
 * record contents), and the events topic, declared like the requests topic: whichever service starts first
 * creates it.
 */
@Configuration(proxyBeanMethods = false)
class EventPublishingConfiguration {

    @Bean
    OtpEventPublisher otpEventPublisher(KafkaTemplate<String, Object> kafka, MeterRegistry meters, ObjectProvider<OutboxRelay> outbox) {
        return new OtpEventPublisher(kafka, meters, outbox.getIfAvailable());
    }

    @Bean
    NewTopic otpEventsTopic(GatewayProperties properties) {
        return new NewTopic(Topics.OTP_EVENTS, properties.topic().partitions(), properties.topic().replicationFactor());
    }
}
