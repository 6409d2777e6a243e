package dev.voiceotp.verifier.check;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.voiceotp.contract.check.CodeCheck;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.verification.CodeProperties;

/** The Redis connection checks run on, and the shared code check sending its script on it without blocking. */
@Configuration(proxyBeanMethods = false)
class CheckConfiguration {

    @Bean
    CheckConnection checkConnection(LettuceConnectionFactory redis) {
        return new CheckConnection(redis);
    }

    @Bean
    CheckScript checkScript(CheckConnection connection) {
        return new CheckScript(connection);
    }

    /** With the shared code rules, so attempts and the failure budget count as in the worker's confirm-in-call mode. */
    @Bean
    CodeCheck codeCheck(CheckScript script, CodeProperties codes, VerificationEvents events, CheckMetrics metrics, Clock clock) {
        return new CodeCheck(script, codes, events, metrics, clock);
    }
}
