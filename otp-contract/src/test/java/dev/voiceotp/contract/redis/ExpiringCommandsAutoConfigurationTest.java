package dev.voiceotp.contract.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.voiceotp.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * Against a real redis-server, through Boot's own Redis auto-configuration: the connection factory keeps Boot's
 * settings, its connections wait for replies without a timer of their own, and a command still ends with Spring's
 * {@link QueryTimeoutException} when Redis stops answering, after the command timeout, through Lettuce's own expiry.
 */
class ExpiringCommandsAutoConfigurationTest {

    private static final int DATABASE = 3;

    private static RedisServerProcess redis;

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ExpiringCommandsAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.url=" + redis.url() + "/" + DATABASE, "spring.data.redis.timeout=300ms",
                    "spring.threads.virtual.enabled=true");

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void shouldKeepBootsSettingsAndWaitForRepliesWithoutATimerOfItsOwn() {
        contexts.run(context -> {
            LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
            assertThat(factory).isInstanceOf(ExpiringCommandsConnectionFactory.class);
            assertThat(factory.getStandaloneConfiguration().getPort()).isEqualTo(redis.port());
            assertThat(factory.getDatabase()).isEqualTo(DATABASE);
            assertThat(factory.getTimeout()).as("the command timeout Lettuce applies").isEqualTo(300);
            assertThat(PropertyAccessorFactory.forDirectFieldAccess(factory).getPropertyValue("executor"))
                    .as("Boot's virtual-thread executor for cluster commands").isNotNull();
            try (RedisConnection connection = factory.getConnection()) {
                assertThat(PropertyAccessorFactory.forDirectFieldAccess(connection).getPropertyValue("timeout"))
                        .as("the connection's own wait for a reply").isEqualTo(0L);
            }

            StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
            template.opsForValue().set("expiring-commands", "1");
            RedisScript<Long> increment = RedisScript.of("return redis.call('INCRBY', KEYS[1], ARGV[1])", Long.class);
            assertThat(template.execute(increment, List.of("expiring-commands"), "2")).isEqualTo(3L);
            assertThat(valueInDatabase("expiring-commands")).as("written to the configured database").isEqualTo("3");
        });
    }

    @Test
    void shouldStillEndACommandThatRedisDoesNotAnswerAfterTheCommandTimeout() {
        contexts.run(context -> {
            StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
            template.opsForValue().set("paused", "before");

            Throwable failure = whileRedisIsPaused(() -> template.opsForValue().get("paused"));

            assertThat(failure).isInstanceOf(QueryTimeoutException.class);
            assertThat(template.opsForValue().get("paused")).as("the connection serves the next command").isEqualTo("before");
        });
    }

    @Test
    void shouldKeepSpringsTimedWaitWhenLettuceDoesNotTimeCommandsOut() {
        contexts.withBean(LettuceClientOptionsBuilderCustomizer.class,
                () -> options -> options.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build()))
                .run(context -> {
                    LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
                    assertThat(factory.getClass()).isEqualTo(LettuceConnectionFactory.class);
                    StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
                    template.opsForValue().set("untimed", "before");

                    assertThat(whileRedisIsPaused(() -> template.opsForValue().get("untimed"))).isInstanceOf(QueryTimeoutException.class);
                });
    }

    /**
     * Runs a command on a virtual thread (as the services do) while Redis holds every client's commands for two
     * seconds, far beyond the 300 ms command timeout, and returns how it failed.
     */
    private static Throwable whileRedisIsPaused(Runnable command) throws Exception {
        try (RedisClient client = RedisClient.create(redis.url()); StatefulRedisConnection<String, String> admin = client.connect();
                ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            admin.sync().clientPause(2_000);
            try {
                virtualThreads.submit(command).get(1_500, TimeUnit.MILLISECONDS);
                throw new AssertionError("the command succeeded while Redis was paused");
            } catch (ExecutionException e) {
                return e.getCause();
            } finally {
                // Lettuce has no method for CLIENT UNPAUSE (Redis 6.2+)
                admin.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE"));
            }
        }
    }

    private static String valueInDatabase(String key) {
        try (RedisClient client = RedisClient.create(redis.url() + "/" + DATABASE); StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().get(key);
        }
    }
}
