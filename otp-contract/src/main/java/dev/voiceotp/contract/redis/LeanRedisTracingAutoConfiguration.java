package dev.voiceotp.contract.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * Every service's Lettuce client traced by {@link LeanRedisTracing}. It takes the place of Boot's
 * {@code LettuceObservationAutoConfiguration}, which each service excludes: both set the client's tracing, and
 * Boot's would observe every command in full.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        afterName = {"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({ClientResourcesBuilderCustomizer.class, MicrometerTracing.class, MeterRegistry.class,
        TracingObservationHandler.class})
@ConditionalOnBean({ObservationRegistry.class, MeterRegistry.class})
public final class LeanRedisTracingAutoConfiguration {

    /** The service name Boot gives Lettuce's observation, kept so that traced commands look as they did. */
    private static final String SERVICE_NAME = "Redis";

    @Bean
    ClientResourcesBuilderCustomizer leanRedisTracing(ObservationRegistry observations, MeterRegistry meters) {
        return resources -> resources.tracing(new LeanRedisTracing(new MicrometerTracing(observations, SERVICE_NAME), observations, meters));
    }
}
