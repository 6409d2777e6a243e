package dev.voiceotp.gateway.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.kafka.UnobservedKafkaTemplates;
import dev.voiceotp.gateway.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed webhooks to the producer apps that configured a {@code callback}: the intake on {@code otp.events.v1}, the
 * queue in Redis, the delivery lanes and the dead-letter topic {@code otp.webhooks.dlt}. Part of the gateway because
 * the gateway already answers to the producer apps (their keys, limits and quotas); the deliveries run on virtual
 * threads of their own, never on a request's, and {@code voice-otp.gateway.webhooks.enabled=false} moves them off an
 * instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    private static final Duration SHORTEST_LEASE = Duration.ofSeconds(30);

    @Bean(destroyMethod = "close")
    WebhookClient webhookClient(WebhookProperties properties) {
        return new WebhookClient(new CallbackDestinations(properties.allowedNetworks()), properties.connectTimeout(),
                properties.requestTimeout());
    }

    @Bean
    WebhookQueue webhookQueue(StringRedisTemplate redis, WebhookProperties properties,
            @Value("${spring.application.name:api-gateway}") String application) {
        return new WebhookQueue(redis, application + "-" + UUID.randomUUID(), lease(properties),
                properties.retry().giveUpAfter().plusHours(1));
    }

    /** Dead letters on the gateway's producer, without observation: a delivery belongs to no request's trace. */
    @Bean
    WebhookLanes webhookLanes(ProducerAppsProperties apps, WebhookProperties properties, WebhookQueue queue, WebhookClient client,
            ProducerFactory<String, Object> producerFactory, ProducerListener<Object, Object> listener, GatewayProperties gateway,
            MeterRegistry meters, JsonMapper json, Clock clock) {
        List<AppCallback> callbacks = apps.apps().stream().filter(app -> app.callback() != null)
                .map(app -> AppCallback.of(app.id(), app.callback())).toList();
        WebhookDeadLetters deadLetters = new WebhookDeadLetters(UnobservedKafkaTemplates.create(producerFactory, listener), json,
                gateway.kafkaAckTimeout());
        return new WebhookLanes(callbacks, queue, client, deadLetters,
                new WebhookMetrics(meters, callbacks.stream().map(AppCallback::appId).toList()), properties, lease(properties),
                json, clock);
    }

    @Bean
    WebhookIntake webhookIntake(WebhookLanes lanes, WebhookQueue queue, StringRedisTemplate redis, JsonMapper json, MeterRegistry meters,
            ProducerAppsProperties apps) {
        return new WebhookIntake(lanes, queue, redis, json, meters,
                apps.apps().stream().filter(app -> app.callback() != null).map(ProducerAppsProperties.App::id).toList());
    }

    @Bean
    NewTopic webhookDeadLetterTopic(GatewayProperties gateway) {
        return new NewTopic(Topics.OTP_WEBHOOKS_DLT, gateway.topic().partitions(), gateway.topic().replicationFactor());
    }

    /** Longer than an answer may take, so a lane never changes hands in the middle of a delivery. */
    private static Duration lease(WebhookProperties properties) {
        Duration threeAnswers = properties.requestTimeout().multipliedBy(3);
        return threeAnswers.compareTo(SHORTEST_LEASE) > 0 ? threeAnswers : SHORTEST_LEASE;
    }
}
