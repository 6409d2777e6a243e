package dev.voiceotp.worker.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.voiceotp.contract.web.LeanServletObservation;
import io.micrometer.core.instrument.MeterRegistry;

/** Boot registers the bean twice over: as a servlet filter, and as a predicate of the observation registry. */
@Configuration(proxyBeanMethods = false)
class WebObservationConfiguration {

    @Bean
    LeanServletObservation leanServerObservation(MeterRegistry meters) {
        // Plivo's callbacks carry no trace context, and the worker starts no HTTP traces of its own
        return new LeanServletObservation(meters, 0);
    }
}
