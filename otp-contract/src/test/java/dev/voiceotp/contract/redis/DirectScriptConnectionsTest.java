package dev.voiceotp.contract.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.testsupport.RedisServerProcess;

/** Against a real redis-server: a service's template runs scripts on the connection itself, with the same results. */
class DirectScriptConnectionsTest {

    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class Templates {

        @Bean
        LettuceConnectionFactory connectionFactory() {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", redis.port()));
        }

        @Bean
        StringRedisTemplate template(LettuceConnectionFactory connectionFactory) {
            return new StringRedisTemplate(connectionFactory);
        }
    }

    @Test
    void shouldHandScriptsTheConnectionItselfAndStillRunThem() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DirectScriptConnectionsAutoConfiguration.class))
                .withUserConfiguration(Templates.class)
                .run(context -> {
                    StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
                    assertThat(template.isExposeConnection()).isTrue();

                    RedisScript<Long> increment = RedisScript.of("return redis.call('INCRBY', KEYS[1], ARGV[1])", Long.class);
                    assertThat(template.execute(increment, List.of("direct-script"), "2")).isEqualTo(2L);
                    assertThat(template.execute(increment, List.of("direct-script"), "3")).isEqualTo(5L);
                    assertThat(template.opsForValue().get("direct-script")).isEqualTo("5");
                });
    }
}
