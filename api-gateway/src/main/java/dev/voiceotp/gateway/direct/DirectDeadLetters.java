package dev.voiceotp.gateway.direct;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.kafka.RawProducerSettings;
import dev.voiceotp.contract.kafka.SilentProducerListener;
import dev.voiceotp.gateway.refusal.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends a refused direct request to {@code otp.requests.direct.v1.dlt}: key, value and headers unchanged, the reason
 * in the {@value #REASON_HEADER} header, counted in {@code otp.direct.dead.letters} by reason. The send waits for
 * Kafka's ack; when it fails, the record is read again (the listener's error handler), so none is lost.
 */
class DirectDeadLetters implements DisposableBean {

    static final String REASON_HEADER = "voice-otp-dead-letter-reason";
    /** Every reason, counted from zero: unreadable or unauthenticated records, and the REST path's refusals. */
    static final List<String> REASONS = Stream.concat(
            Stream.of("unauthenticated", "malformed", "unsupported_version", "invalid", "stale", "verification_id_in_use"),
            Stream.of(RefusalReason.values()).map(RefusalReason::tag)).toList();

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration ackTimeout;
    private final Map<String, Counter> counted;

    DirectDeadLetters(KafkaProperties properties, KafkaConnectionDetails connection, Duration ackTimeout, MeterRegistry meters) {
        Map<String, Object> config = RawProducerSettings.of(properties, connection);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        this.kafka = new KafkaTemplate<>(producers);
        // Spring Kafka's default listener would log a failed send's key and value: the phone number, in clear
        kafka.setProducerListener(SilentProducerListener.instance());
        this.ackTimeout = ackTimeout;
        this.counted = REASONS.stream().collect(Collectors.toUnmodifiableMap(reason -> reason, reason -> Counter.builder("otp.direct.dead.letters")
                .description("Records of " + Topics.OTP_DIRECT_REQUESTS + " refused and sent to its dead-letter topic, by reason")
                .tag("reason", reason).register(meters)));
    }

    void send(ConsumerRecord<String, byte[]> record, String reason) {
        // a copy: the consumed record stays as it was read
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(REASON_HEADER);
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.OTP_DIRECT_REQUESTS_DLT, null, record.key(),
                record.value(), headers);
        try {
            kafka.send(dead).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the dead letter: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a dead letter", e);
        }
        counted.get(reason).increment();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
