package dev.voiceotp.testsupport;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A template on the test JVM's real redis-server ({@link TestInfrastructure}), for tests of Redis behaviour without a
 * Spring context. One per JVM, opened on first use and left open until the JVM ends, as the server is.
 */
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
