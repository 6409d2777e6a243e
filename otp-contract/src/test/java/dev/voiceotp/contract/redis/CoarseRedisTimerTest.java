package dev.voiceotp.contract.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.voiceotp.testsupport.TestInfrastructure;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.HashedWheelTimer;

/**
 * Against the test JVM's real redis-server: the services' Lettuce client runs on the coarse timer, a command's
 * timeout still fires (at most a tick late), and the timer stops with the context.
 */
class CoarseRedisTimerTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CoarseRedisTimerAutoConfiguration.class));

    @Test
    void shouldStillTimeOutACommandThatGetsNoReply() {
        contexts.run(context -> {
            ClientResources.Builder builder = ClientResources.builder();
            context.getBean(ClientResourcesBuilderCustomizer.class).customize(builder);
            ClientResources resources = builder.build();
            assertThat(resources.timer()).isSameAs(context.getBean(HashedWheelTimer.class));

            TestInfrastructure.Endpoints servers = TestInfrastructure.endpoints();
            RedisURI uri = RedisURI.builder().withHost(servers.redisHost()).withPort(servers.redisPort())
                    .withTimeout(Duration.ofMillis(300)).build();
            RedisClient client = RedisClient.create(resources, uri);
            client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled()).build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                long start = System.nanoTime();
                // Redis answers this BLPOP only after 10 s: the client's timeout has to end it
                assertThatThrownBy(() -> connection.sync().blpop(10, "coarse-timer:" + UUID.randomUUID()))
                        .isInstanceOf(RedisCommandTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("300 ms, at most a tick late, far from Redis's 10 s")
                        .isLessThan(Duration.ofMillis(300).plus(CoarseRedisTimerAutoConfiguration.TICK).plusSeconds(2));
            } finally {
                client.shutdown();
                resources.shutdown();
            }
        });
    }

    @Test
    void shouldStopTheTimerWithTheContext() {
        HashedWheelTimer[] timer = new HashedWheelTimer[1];
        contexts.run(context -> timer[0] = context.getBean(HashedWheelTimer.class));

        assertThatThrownBy(() -> timer[0].newTimeout(timeout -> { }, 1, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }
}
