package dev.voiceotp.verifier.check;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.voiceotp.contract.verification.CodeProperties;

/** The Redis connection checks run on, and the check script with the shared code rules (attempts, failure budget). */
@Configuration(proxyBeanMethods = false)
class CheckConfiguration {

    @Bean
    CheckConnection checkConnection(LettuceConnectionFactory redis) {
        return new CheckConnection(redis);
    }

    /** With the shared code rules, so the failure budget is the one the worker's confirm-in-call mode spends. */
    @Bean
    CheckScript checkScript(CheckConnection connection, CodeProperties codes) {
        return new CheckScript(connection, codes);
    }
}
