package dev.voiceotp.worker;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.record.RecordSigningProperties;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.web.ProblemHandling;
import dev.voiceotp.worker.prompt.PromptCipher;
import dev.voiceotp.worker.prompt.PromptLanguages;

/** The otp-worker service: Kafka consumer, call placement and Plivo webhooks (port 8081). */
// Lettuce's tracing is LeanRedisTracing (otp-contract), which takes the place of Boot's
@SpringBootApplication(exclude = LettuceObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableConfigurationProperties({CodeProperties.class, ProducerAppsProperties.class, RecordSigningProperties.class})
@Import(ProblemHandling.class)
public class OtpWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(OtpWorkerApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CodeHasher codeHasher(CodeProperties code) {
        return code.hasher();
    }

    @Bean
    PromptCipher promptCipher(WorkerProperties properties) {
        return PromptCipher.fromBase64(properties.prompt().encryptionKey());
    }

    @Bean
    PromptLanguages promptLanguages(WorkerProperties properties) {
        return new PromptLanguages(properties.prompt().defaultLocale());
    }
}
