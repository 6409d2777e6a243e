package dev.voiceotp.verifier.redis;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;

/**
 * The Lettuce client Boot builds from {@code spring.data.redis.*}, failing fast while Redis is unreachable. By
 * default Lettuce queues commands during a reconnect until the command timeout, which would hold every check for two seconds and pile requests up; rejecting them at once turns
 * an outage into an immediate 503 with Retry-After that clients can act on.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }
}
