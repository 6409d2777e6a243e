package dev.voiceotp.worker.intake;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.record.RecordSigningProperties;
import dev.voiceotp.contract.record.RecordVerifier;

/**
 * How the listener reads {@code otp.requests.v1}: JSON into {@link OtpRequest} (no type headers: the topic holds one
 * type), authenticated by {@link AuthenticatedRequestDeserializer}, inside an {@link ErrorHandlingDeserializer} so
 * that an unreadable or unauthenticated record reaches the error handler (dead letter) instead of stopping the
 * partition. The accepted secrets are worked out once, per app.
 */
@Configuration(proxyBeanMethods = false)
class RequestDeserialization {

    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaConsumerFactoryCustomizer authenticatedRequests(RecordSigningProperties signing) {
        signing.signer(); // fails the start without the gateway's secret: nothing could be let in
        RecordVerifier verifier = signing.gatewayVerifier();
        return factory -> ((DefaultKafkaConsumerFactory<Object, Object>) factory).setValueDeserializerSupplier(() -> {
            JacksonJsonDeserializer<OtpRequest> json = new JacksonJsonDeserializer<>(OtpRequest.class, false);
            return (org.apache.kafka.common.serialization.Deserializer<Object>) (org.apache.kafka.common.serialization.Deserializer<?>)
                    new ErrorHandlingDeserializer<>(new AuthenticatedRequestDeserializer(json, verifier));
        });
    }
}
