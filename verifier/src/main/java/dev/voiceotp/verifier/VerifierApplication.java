package dev.voiceotp.verifier;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.voiceotp.contract.app.ProducerAppWebConfiguration;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.web.ProblemHandling;

/**
 * Checks submitted one-time codes. Stateless apart from Redis, so it scales by adding instances; the atomic
 * check script makes parallel instances safe.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(CodeProperties.class)
@Import({ProducerAppWebConfiguration.class, ProblemHandling.class})
public class VerifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(VerifierApplication.class, args);
    }

    /** Every expiry decision reads this clock, so tests can move time instead of waiting for it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
