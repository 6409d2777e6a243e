package dev.voiceotp.worker.intake;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.event.EventsProperties;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.kafka.RawProducerSettings;
import dev.voiceotp.contract.kafka.SilentProducerListener;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The listener's one error handler, for records that cannot be processed. Plivo's failures never get here
 * (they go onto the call schedule), so what remains is either hopeless (unreadable, invalid, unknown version:
 * dead-lettered at once) or unexpected (Redis unreachable, a bug: retried in place a bounded number of times,
 * then dead-lettered). Either way the partition keeps flowing, and a verification whose record is
 * dead-lettered fails if no call can exist for it.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);
    private static final RedisScript<Long> ABANDON = LuaScript.load("scripts/abandon-request.lua", Long.class);
    static final List<String> DEAD_LETTER_REASONS = List.of("unauthenticated", "malformed", "unsupported_version", "retries_exhausted", "other");

    @Bean
    NewTopic otpRequestsDeadLetterTopic(WorkerProperties properties, EventsProperties events) {
        // replicated like the events topic: both are the worker's record of what happened
        return new NewTopic(properties.deadLetterTopic(), 1, events.topic().replicationFactor());
    }

    @Bean
    CommonErrorHandler otpRequestErrorHandler(KafkaProperties kafka, KafkaConnectionDetails connection, WorkerProperties properties, StringRedisTemplate redis,
            VerificationEvents events, MeterRegistry meters) {
        DEAD_LETTER_REASONS.forEach(reason -> deadLetters(meters, reason));
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate(kafka, connection),
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        backOff.setMaxAttempts(properties.retry().recordAttempts() - 1);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            abandon(record, redis, events);
            String reason = reasonOf(exception);
            log.warn("Request at {}-{}@{} sent to {} ({}): {}", record.topic(), record.partition(), record.offset(),
                    properties.deadLetterTopic(), reason, exception.getMessage());
            deadLetters.accept(record, exception);
            deadLetters(meters, reason).increment();
        }, backOff);
        handler.addNotRetryableExceptions(InvalidOtpRequestException.class);
        return handler;
    }

    private static void abandon(ConsumerRecord<?, ?> record, StringRedisTemplate redis, VerificationEvents events) {
        if (record.value() instanceof OtpRequest request && request.verificationId() != null && request.appId() != null) {
            Long failed = redis.execute(ABANDON, List.of(RedisKeys.verification(request.verificationId()), WorkerRedisState.CALL_SCHEDULE),
                    "request_not_processed", request.verificationId(), request.appId());
            if (Long.valueOf(1).equals(failed)) {
                events.failed(VerificationRef.of(request.verificationId(), request.appId(), null, request.phoneNumber()), "request_not_processed");
            }
        }
    }

    /** The {@code otp.dead.letters} reason of a record that failed with {@code exception}. */
    static String reasonOf(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            // looked for first: an unauthenticated record arrives wrapped in the deserializer's exception
            if (cause instanceof InvalidOtpRequestException invalid) {
                return invalid.deadLetterReason();
            }
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException || cause instanceof MessageConversionException
                    || cause instanceof ConversionException) {
                return "malformed";
            }
            if (cause instanceof ClassCastException || cause instanceof NoSuchMethodException) {
                return "other";
            }
        }
        return "retries_exhausted";
    }

    private static Counter deadLetters(MeterRegistry meters, String reason) {
        return Counter.builder("otp.dead.letters").description("Records sent to the requests dead-letter topic")
                .tag("reason", reason).register(meters);
    }

    /** Dead letters keep the original bytes of unreadable records and re-serialize readable ones as JSON. */
    private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> config = RawProducerSettings.of(kafka, connection);
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(), OtpRequest.class, new JacksonJsonSerializer<>().noTypeInfo()), true);
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, null, values));
        // Spring Kafka's default listener would log a failed send's key and value: the phone number, in clear
        template.setProducerListener(SilentProducerListener.instance());
        return template;
    }
}
