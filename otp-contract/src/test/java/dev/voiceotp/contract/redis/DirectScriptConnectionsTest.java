package dev.voiceotp.contract.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.testsupport.TestInfrastructure;

/** Against the test JVM's real redis-server: a service's template runs scripts on the connection itself, with the same results. */
class DirectScriptConnectionsTest {

    @Test
    void shouldHandScriptsTheConnectionItselfAndStillRunThem() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DirectScriptConnectionsAutoConfiguration.class))
                .withUserConfiguration(Templates.class)
                .run(context -> {
                    StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
                    assertThat(template.isExposeConnection()).isTrue();

                    String key = "direct-script:" + UUID.randomUUID();
                    RedisScript<Long> increment = RedisScript.of("return redis.call('INCRBY', KEYS[1], ARGV[1])", Long.class);
                    assertThat(template.execute(increment, List.of(key), "2")).isEqualTo(2L);
                    assertThat(template.execute(increment, List.of(key), "3")).isEqualTo(5L);
                    assertThat(template.opsForValue().get(key)).isEqualTo("5");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Templates {

        @Bean
        LettuceConnectionFactory connectionFactory() {
            TestInfrastructure.Endpoints servers = TestInfrastructure.endpoints();
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration(servers.redisHost(), servers.redisPort()));
        }

        @Bean
        StringRedisTemplate template(LettuceConnectionFactory connectionFactory) {
            return new StringRedisTemplate(connectionFactory);
        }
    }
}
