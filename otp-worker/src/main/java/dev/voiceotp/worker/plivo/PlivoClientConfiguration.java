package dev.voiceotp.worker.plivo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.plivo.api.PlivoClient;

import dev.voiceotp.worker.WorkerProperties;

/**
 * The one Call API {@link PlivoClient} of the worker, over {@link PlivoHttpClients}, rewritten to
 * {@code voice-otp.worker.plivo.api-base-url} when set (the sandbox). Pacing is not the client's business: a call
 * is placed only once it holds its slot ({@link CallPacer}).
 */
@Configuration(proxyBeanMethods = false)
class PlivoClientConfiguration {

    @Bean
    PlivoExchanges plivoExchanges() {
        return new PlivoExchanges();
    }

    @Bean
    PlivoClient plivoClient(WorkerProperties properties, PlivoExchanges exchanges) {
        WorkerProperties.Plivo plivo = properties.plivo();
        return new PlivoClient(plivo.authId(), plivo.authToken(), PlivoHttpClients.builder(properties, exchanges, plivo.apiBaseUrl()));
    }
}
