package dev.voiceotp.gateway.dispatch;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.gateway.GatewayProperties;

/**
 * The topic the gateway publishes to, producer timeouts that fit inside one request, and no logging of
 * record contents.
 *
 * <p>Boot builds the producer from {@code spring.kafka.*}; only the timeouts are derived here, from
 * {@code voice-otp.gateway.kafka-ack-timeout}, so that one setting bounds a request: waiting for metadata
 * ({@code max.block.ms}) plus trying to deliver ({@code delivery.timeout.ms}) ends before the gateway stops
 * waiting. The producer has then given up on a record before the gateway cancels its verification, so a
 * request answered 503 is rarely delivered later; when it is (an ack lost on the wire), the worker finds the
 * verification canceled and does not call.
 */
@Configuration(proxyBeanMethods = false)
class KafkaPublishingConfiguration {

    @Bean
    NewTopic otpRequestsTopic(GatewayProperties properties) {
        return new NewTopic(Topics.OTP_REQUESTS, properties.topic().partitions(), properties.topic().replicationFactor());
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer producerTimeoutsWithinAckTimeout(GatewayProperties properties) {
        return factory -> factory.updateConfigs(producerTimeouts(properties.kafkaAckTimeout(), lingerMs(factory.getConfigurationProperties())));
    }

    /** 20 % of the budget for metadata, 70 % for delivery, 10 % left for the ack to reach the waiting request. */
    static Map<String, Object> producerTimeouts(Duration ackTimeout, long lingerMs) {
        long budget = ackTimeout.toMillis();
        long maxBlock = budget / 5;
        long delivery = budget * 7 / 10;
        return Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery,
                // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, delivery - lingerMs));
    }

    private static long lingerMs(Map<String, Object> configs) {
        Object linger = configs.get(ProducerConfig.LINGER_MS_CONFIG);
        return linger == null ? 5 : Long.parseLong(linger.toString());
    }
}
