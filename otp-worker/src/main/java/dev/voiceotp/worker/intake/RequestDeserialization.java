package dev.voiceotp.worker.intake;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.record.RecordSigningProperties;

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
    DefaultKafkaConsumerFactoryCustomizer authenticatedRequests(RecordSigningProperties signing, ProducerAppsProperties apps) {
        signing.signer(); // fails the start without the gateway's secret: nothing could be let in
        List<RecordSignature> gateway = Stream.concat(Stream.of(signing.signingSecret()), signing.previousSigningSecrets().stream())
                .map(RecordSignature::withSecret).toList();
        Map<String, List<RecordSignature>> byApp = apps.apps().stream().collect(Collectors.toUnmodifiableMap(ProducerAppsProperties.App::id,
                app -> signing.acceptedFor(app.id())));
        return factory -> ((DefaultKafkaConsumerFactory<Object, Object>) factory).setValueDeserializerSupplier(() -> {
            JacksonJsonDeserializer<OtpRequest> json = new JacksonJsonDeserializer<>(OtpRequest.class, false);
            return (org.apache.kafka.common.serialization.Deserializer<Object>) (org.apache.kafka.common.serialization.Deserializer<?>)
                    new ErrorHandlingDeserializer<>(new AuthenticatedRequestDeserializer(json, gateway, byApp));
        });
    }
}
