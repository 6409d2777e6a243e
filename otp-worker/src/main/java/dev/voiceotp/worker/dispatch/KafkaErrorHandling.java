package dev.voiceotp.worker.dispatch;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;

/**
 * The listener's one error handler: transient failures are retried with exponential backoff; a record that
 * still fails, or can never succeed (unreadable, invalid), goes to the dead-letter topic so the partition
 * keeps flowing, and its verification fails if no call can exist for it.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);
    private static final RedisScript<Long> ABANDON = RedisScript.of(new ClassPathResource("scripts/abandon-request.lua"), Long.class);

    @Bean
    CommonErrorHandler otpRequestErrorHandler(KafkaProperties kafka, WorkerProperties properties, StringRedisTemplate redis) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate(kafka),
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        backOff.setMaxElapsedTime(properties.retry().maxElapsed().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            if (record.value() instanceof OtpRequest request && request.verificationId() != null) {
                redis.execute(ABANDON, List.of(RedisKeys.verification(request.verificationId())), "request_not_processed");
            }
            log.warn("Request at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                    properties.deadLetterTopic(), exception.getMessage());
            deadLetters.accept(record, exception);
        }, backOff);
        handler.addNotRetryableExceptions(InvalidOtpRequestException.class);
        return handler;
    }

    /** Dead letters keep the original bytes of unreadable records and re-serialize readable ones as JSON. */
    private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(), OtpRequest.class, new JacksonJsonSerializer<>().noTypeInfo()), true);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, null, values));
    }
}
