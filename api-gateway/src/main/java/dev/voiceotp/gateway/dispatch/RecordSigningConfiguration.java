package dev.voiceotp.gateway.dispatch;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.record.RecordSigningProperties;
import dev.voiceotp.contract.record.SigningSerializer;

/**
 * Every request record the gateway publishes carries the gateway's {@link RecordSignature}: the worker calls for no
 * other record. The signature is computed once per record, over the bytes the JSON serializer wrote, inside the
 * producer's serializer, so no template or send path can forget it. Lifecycle events go unsigned.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecordSigningProperties.class)
class RecordSigningConfiguration {

    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer signedRequestRecords(RecordSigningProperties signing) {
        RecordSignature signer = signing.signer(); // fails the start without a secret: the worker would refuse every record
        return factory -> ((DefaultKafkaProducerFactory<Object, Object>) factory).setValueSerializerSupplier(
                () -> new SigningSerializer<>(new JacksonJsonSerializer<>().noTypeInfo(), signer, Topics.OTP_REQUESTS));
    }
}
