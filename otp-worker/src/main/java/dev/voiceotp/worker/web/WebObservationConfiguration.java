package dev.voiceotp.worker.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/** Boot registers the bean twice over: as a servlet filter, and as a predicate of the observation registry. */
@Configuration(proxyBeanMethods = false)
class WebObservationConfiguration {

    @Bean
    LeanServerObservation leanServerObservation(MeterRegistry meters) {
        return new LeanServerObservation(meters);
    }
}
