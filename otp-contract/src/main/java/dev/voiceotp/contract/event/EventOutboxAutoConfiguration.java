package dev.voiceotp.contract.event;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

import dev.voiceotp.contract.kafka.UnobservedKafkaTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event outbox and its relay in every service that has both Redis and a Kafka producer, on by default
 * ({@code voice-otp.events.outbox.enabled}). The relay sends through a template of its own on the service's producer
 * (same settings, same producer instance), without observation or timing: relayed events belong to no request's trace.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({StringRedisTemplate.class, KafkaTemplate.class})
@ConditionalOnBean({StringRedisTemplate.class, ProducerFactory.class, JsonMapper.class, MeterRegistry.class})
@ConditionalOnProperty(name = "voice-otp.events.outbox.enabled", matchIfMissing = true)
public final class EventOutboxAutoConfiguration {

    @Bean
    EventOutbox eventOutbox(StringRedisTemplate redis, JsonMapper json) {
        return new EventOutbox(redis, json);
    }

    @Bean
    OutboxRelay eventOutboxRelay(EventOutbox outbox, ProducerFactory<String, Object> producers, MeterRegistry meters,
            @Value("${spring.application.name:voice-otp}") String application,
            @Value("${voice-otp.events.outbox.ack-timeout:10s}") Duration ackTimeout,
            @Value("${voice-otp.events.outbox.claim-after:15s}") Duration claimAfter) {
        // the relay logs and counts refused sends itself: a listener that logs nothing more
        KafkaTemplate<String, Object> kafka = UnobservedKafkaTemplates.create(producers, new ProducerListener<>() {
        });
        return new OutboxRelay(outbox, kafka, ackTimeout, claimAfter, application, meters);
    }
}
