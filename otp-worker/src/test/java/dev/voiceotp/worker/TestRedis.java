package dev.voiceotp.worker;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.testsupport.TestInfrastructure;

/** A template on the test JVM's real redis-server, for tests of the Lua scripts without a Spring context. */
public final class TestRedis {

    private static StringRedisTemplate template;

    private TestRedis() {
    }

    public static synchronized StringRedisTemplate template() {
        if (template == null) {
            TestInfrastructure.Endpoints endpoints = TestInfrastructure.endpoints();
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration(endpoints.redisHost(), endpoints.redisPort()));
            factory.afterPropertiesSet();
            factory.start();
            template = new StringRedisTemplate(factory);
        }
        return template;
    }
}
