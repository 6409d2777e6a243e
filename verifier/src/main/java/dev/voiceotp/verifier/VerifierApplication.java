package dev.voiceotp.verifier;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.verifier.web.LeanServerObservation;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks submitted one-time codes. Stateless apart from Redis, so it scales by adding instances; the atomic
 * check script makes parallel instances safe. Serves on WebFlux and Netty: a check waits only for its one Redis
 * reply, without holding a thread.
 */
// Lettuce's tracing is LeanRedisTracing (otp-contract), which takes the place of Boot's
@SpringBootApplication(exclude = LettuceObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableConfigurationProperties({CodeProperties.class, ProducerAppsProperties.class})
public class VerifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(VerifierApplication.class, args);
    }

    /** Every expiry decision reads this clock, so tests can move time instead of waiting for it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Producer apps by API key digest, built once from {@code voice-otp.apps}. */
    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator(ProducerAppsProperties apps) {
        return new ApiKeyAuthenticator(apps);
    }

    @Bean
    LeanServerObservation leanServerObservation(MeterRegistry meters) {
        return new LeanServerObservation(meters);
    }
}
