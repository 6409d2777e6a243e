package dev.voiceotp.verifier.redis;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * The Lettuce client Boot builds from {@code spring.data.redis.*}, with two changes for the verifier.
 *
 * <p>It fails fast while Redis is unreachable. By default Lettuce queues commands during a reconnect until the
 * command timeout, which would hold every check for two seconds and pile requests up; rejecting them at once turns
 * an outage into an immediate 503 with Retry-After that clients can act on.
 *
 * <p>Its commands are observed by {@link LeanRedisTracing} instead of Boot's Lettuce observation (excluded in
 * {@code VerifierApplication}): in full inside traced requests, by the same timer otherwise.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    /** The service name Boot gives Lettuce's observation, kept so traced commands look as they did. */
    private static final String SERVICE_NAME = "Redis";

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer leanRedisTracing(ObservationRegistry observations, MeterRegistry meters) {
        return resources -> resources.tracing(new LeanRedisTracing(new MicrometerTracing(observations, SERVICE_NAME), meters));
    }
}
