package dev.voiceotp.gateway;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.voiceotp.contract.app.ProducerAppWebConfiguration;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.web.ProblemHandling;

/**
 * The REST entry point: producer apps ask for verifications here; the gateway records them in Redis and
 * hands them to the worker through Kafka, answering only once Kafka has acknowledged the request.
 */
// Lettuce's tracing is LeanRedisTracing (otp-contract), which takes the place of Boot's
@SpringBootApplication(exclude = LettuceObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableConfigurationProperties(CodeProperties.class)
@Import({ProducerAppWebConfiguration.class, ProblemHandling.class})
public class ApiGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiGatewayApplication.class, args);
    }

    /** Every "now" goes through this bean so that tests can move time past a verification's expiry. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
