package dev.voiceotp.gateway.direct;

import java.time.Clock;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.record.RecordSigningProperties;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.destination.DestinationPolicy;
import dev.voiceotp.gateway.dispatch.DispatchService;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The direct-request topic and its dead-letter topic (created like the requests topic), and the listener's parts. */
@Configuration(proxyBeanMethods = false)
class DirectRequestConfiguration {

    @Bean
    NewTopic otpDirectRequestsTopic(GatewayProperties properties) {
        return new NewTopic(Topics.OTP_DIRECT_REQUESTS, properties.topic().partitions(), properties.topic().replicationFactor());
    }

    @Bean
    NewTopic otpDirectRequestsDeadLetterTopic(GatewayProperties properties) {
        return new NewTopic(Topics.OTP_DIRECT_REQUESTS_DLT, 1, properties.topic().replicationFactor());
    }

    @Bean
    DirectRequests directRequests(JsonMapper json, RecordSigningProperties signing, ProducerAppsProperties apps,
            DestinationPolicy destinations, Clock clock, CodeProperties code) {
        return new DirectRequests(json, signing.appVerifier(apps.apps().stream().map(ProducerAppsProperties.App::id).toList()),
                destinations, clock, code);
    }

    @Bean
    DirectDeadLetters directDeadLetters(KafkaProperties kafka, KafkaConnectionDetails connection, GatewayProperties properties,
            MeterRegistry meters) {
        return new DirectDeadLetters(kafka, connection, properties.kafkaAckTimeout(), meters);
    }

    @Bean
    DirectRequestListener directRequestListener(DirectRequests requests, DispatchService dispatcher, DirectDeadLetters deadLetters) {
        return new DirectRequestListener(requests, dispatcher, deadLetters);
    }
}
