package dev.voiceotp.contract.event;

import java.time.Clock;

import org.apache.kafka.clients.admin.NewTopic;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.kafka.UnobservedKafkaTemplates;
import dev.voiceotp.contract.tracing.Sampling;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lifecycle events, the same in every service: the {@code otp.events.v1} topic ({@link EventsProperties}), the
 * {@link OtpEventPublisher} on the service's producer, the {@link VerificationEvents} every service reports through, the {@link ScriptedEvents} its scripts write, and the event outbox and its relay (when the service has
 * Redis and {@code voice-otp.events.outbox.enabled} is not false); the producer listener they use is
 * {@link dev.voiceotp.contract.kafka.QuietProducerListenerAutoConfiguration}'s. Only where Boot built a Kafka
 * template: an application without Kafka (the Plivo sandbox) gets none of it.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(EventsProperties.class)
public final class OtpEventsAutoConfiguration {

    @Bean
    NewTopic otpEventsTopic(EventsProperties properties) {
        return new NewTopic(Topics.OTP_EVENTS, properties.topic().partitions(), properties.topic().replicationFactor());
    }

    /**
     * A direct send outside a sampled trace skips the observation (the worker sends several events per call); the
     * decision is the current span's: the Kafka listener's, the webhook's or the check's.
     */
    @Bean
    OtpEventPublisher otpEventPublisher(KafkaTemplate<String, Object> kafka, ProducerFactory<String, Object> producerFactory,
            ProducerListener<Object, Object> listener, ObjectProvider<Tracer> tracer, MeterRegistry meters,
            ObjectProvider<OutboxRelay> outbox) {
        KafkaTemplate<String, Object> unobserved = UnobservedKafkaTemplates.create(producerFactory, listener);
        @Nullable Tracer currentTracer = tracer.getIfAvailable();
        return new OtpEventPublisher(kafka, unobserved, () -> Sampling.currentlySampled(currentTracer), meters,
                outbox.getIfAvailable());
    }

    /** The service's clock when it declares one (tests move it), else the system's. */
    @Bean
    VerificationEvents verificationEvents(OtpEventPublisher publisher, ObjectProvider<Clock> clock) {
        return new VerificationEvents(publisher, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Events written by the scripts that make the changes, into the outbox when there is one. */
    @Bean
    ScriptedEvents scriptedEvents(ObjectProvider<OutboxRelay> relay, OtpEventPublisher publisher, JsonMapper json) {
        return new ScriptedEvents(relay.getIfAvailable(), publisher, json);
    }

    /** The outbox and this instance's relay; the relay sends unobserved: relayed events belong to no trace. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(StringRedisTemplate.class)
    @ConditionalOnProperty(name = "voice-otp.events.outbox.enabled", matchIfMissing = true)
    static class Outbox {

        @Bean
        EventOutbox eventOutbox(StringRedisTemplate redis, JsonMapper json) {
            return new EventOutbox(redis, json);
        }

        @Bean
        OutboxRelay eventOutboxRelay(EventOutbox outbox, ProducerFactory<String, Object> producerFactory,
                ProducerListener<Object, Object> listener, EventsProperties properties, MeterRegistry meters,
                @Value("${spring.application.name:voice-otp}") String application) {
            return new OutboxRelay(outbox, UnobservedKafkaTemplates.create(producerFactory, listener), properties.outbox(),
                    application, meters);
        }
    }
}
