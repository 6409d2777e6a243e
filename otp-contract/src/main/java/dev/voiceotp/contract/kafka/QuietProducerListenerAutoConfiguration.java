package dev.voiceotp.contract.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.ProducerListener;

/**
 * A producer listener that logs nothing, in place of Boot's, which logs every failed send with the record's key and
 * value (a request's phone number, in clear) and a stack trace. The gateway's dispatch and the event publisher log
 * each failure once, without secrets. Before Boot's Kafka auto-configuration, whose listener backs off when one
 * exists.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(ProducerListener.class)
public final class QuietProducerListenerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ProducerListener.class)
    ProducerListener<Object, Object> kafkaProducerListener() {
        return SilentProducerListener.instance();
    }
}
