package dev.voiceotp.contract.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.data.redis.connection.ClusterCommandExecutor;
import org.springframework.data.redis.connection.ClusterTopologyProvider;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;

/**
 * A {@link LettuceConnectionFactory} whose connections wait for a command's reply without a timer of their own,
 * because Lettuce already ends every command that outlives the command timeout ({@code TimeoutOptions}, which Boot
 * enables): the reply or that timeout completes the command, and the waiting thread with it, at the same moment
 * Spring's own timed wait would have given up, with the same {@code QueryTimeoutException}.
 *
 * <p>Why: Spring's connection waits for each reply with a timed wait. On a virtual thread (every request and call
 * path of the services) a timed wait registers a timeout with the JDK's virtual-thread scheduler and cancels it when
 * the reply comes, and each of the two wakes the scheduler's timer thread: two thread wake-ups per Redis round trip,
 * about a tenth of the gateway's and the worker's CPU under load. Lettuce's own command timeouts sit on its hashed
 * wheel timer, which a command joins and leaves without waking anything.
 *
 * <p>Only used when the client's options time commands out ({@link #expiresCommands}); otherwise a connection keeps
 * Spring's timed wait, the only bound a command would have.
 */
final class ExpiringCommandsConnectionFactory extends LettuceConnectionFactory {

    private ExpiringCommandsConnectionFactory(RedisStandaloneConfiguration configuration, LettuceClientConfiguration clientConfiguration) {
        super(configuration, clientConfiguration);
    }

    private ExpiringCommandsConnectionFactory(RedisClusterConfiguration configuration, LettuceClientConfiguration clientConfiguration) {
        super(configuration, clientConfiguration);
    }

    private ExpiringCommandsConnectionFactory(RedisSentinelConfiguration configuration, LettuceClientConfiguration clientConfiguration) {
        super(configuration, clientConfiguration);
    }

    private ExpiringCommandsConnectionFactory(RedisConfiguration configuration, LettuceClientConfiguration clientConfiguration) {
        super(configuration, clientConfiguration);
    }

    /**
     * A factory of the given settings, built through the constructor Boot uses for that kind of setup (the
     * standalone one also answers {@link #getStandaloneConfiguration()} with it).
     */
    static ExpiringCommandsConnectionFactory of(RedisConfiguration configuration, LettuceClientConfiguration clientConfiguration,
            @Nullable AsyncTaskExecutor executor) {
        ExpiringCommandsConnectionFactory factory = switch (configuration) {
            case RedisStandaloneConfiguration standalone -> new ExpiringCommandsConnectionFactory(standalone, clientConfiguration);
            case RedisClusterConfiguration cluster -> new ExpiringCommandsConnectionFactory(cluster, clientConfiguration);
            case RedisSentinelConfiguration sentinel -> new ExpiringCommandsConnectionFactory(sentinel, clientConfiguration);
            default -> new ExpiringCommandsConnectionFactory(configuration, clientConfiguration);
        };
        if (executor != null) {
            factory.setExecutor(executor);
        }
        return factory;
    }

    /** Whether Lettuce itself ends a command that outlives its timeout, for connections of this configuration. */
    static boolean expiresCommands(LettuceClientConfiguration clientConfiguration) {
        return clientConfiguration.getClientOptions()
                .map(ClientOptions::getTimeoutOptions)
                .map(TimeoutOptions::isTimeoutCommands)
                .orElse(false);
    }

    @Override
    protected LettuceConnection doCreateLettuceConnection(@Nullable StatefulRedisConnection<byte[], byte[]> sharedConnection,
            LettuceConnectionProvider connectionProvider, long timeout, int database) {
        return super.doCreateLettuceConnection(sharedConnection, connectionProvider, 0, database);
    }

    @Override
    protected LettuceClusterConnection doCreateLettuceClusterConnection(
            @Nullable StatefulRedisClusterConnection<byte[], byte[]> sharedConnection, LettuceConnectionProvider connectionProvider,
            ClusterTopologyProvider topologyProvider, ClusterCommandExecutor clusterCommandExecutor, Duration commandTimeout) {
        return super.doCreateLettuceClusterConnection(sharedConnection, connectionProvider, topologyProvider,
                clusterCommandExecutor, Duration.ZERO);
    }
}
