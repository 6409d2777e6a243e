package dev.voiceotp.gateway.ratelimit;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * The Redis commands Bucket4j needs, on a connection of the application's own Lettuce client (same address,
 * credentials, TLS and timeouts as {@code spring.data.redis.*}), with String keys and binary bucket state.
 * (Typed {@code Object} because Bucket4j hands over keys in {@code Object[]}; every key is a String.)
 *
 * <p>Connected on first use rather than at startup, so the gateway starts (and answers 503, like every other
 * Redis failure) while Redis is down; once connected, Lettuce reconnects by itself. The connection is closed when
 * the context stops, because the connection factory then shuts its client down (and starts a new one on restart).
 */
final class LazyLettuceApi implements RedisApi<Object>, SmartLifecycle {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final LettuceConnectionFactory factory;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile @Nullable StatefulConnection<String, byte[]> connection;
    private volatile @Nullable RedisClusterAsyncCommands<String, byte[]> commands;
    private volatile boolean running;

    LazyLettuceApi(LettuceConnectionFactory factory) {
        this.factory = factory;
    }

    /** Keys arrive as {@code Object[]}: Bucket4j builds its key arrays generically. */
    @Override
    public <V> RedisFuture<V> eval(String script, ScriptOutputType outputType, Object[] keys, byte[][] args) {
        return commands().eval(script, outputType, Arrays.copyOf(keys, keys.length, String[].class), args);
    }

    @Override
    public RedisFuture<byte[]> get(Object key) {
        return commands().get((String) key);
    }

    @Override
    public RedisFuture<?> delete(Object key) {
        return commands().del((String) key);
    }

    private RedisClusterAsyncCommands<String, byte[]> commands() {
        RedisClusterAsyncCommands<String, byte[]> current = commands;
        if (current != null) {
            return current;
        }
        connecting.lock();
        try {
            if (commands == null) {
                connect();
            }
            return commands;
        } finally {
            connecting.unlock();
        }
    }

    private void connect() {
        try {
            AbstractRedisClient client = factory.getRequiredNativeClient();
            if (client instanceof RedisClusterClient cluster) {
                var clusterConnection = cluster.connect(CODEC);
                connection = clusterConnection;
                commands = clusterConnection.async();
            } else {
                var standalone = ((RedisClient) client).connect(CODEC);
                connection = standalone;
                commands = standalone.async();
            }
        } catch (RuntimeException e) {
            throw RedisFailures.translate(e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes the connection; the next command after a restart opens one on the factory's new client. */
    @Override
    public void stop() {
        connecting.lock();
        try {
            StatefulConnection<String, byte[]> current = connection;
            commands = null;
            connection = null;
            running = false;
            if (current != null) {
                current.close();
            }
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A phase above the connection factory's (0), so the connection closes before the factory shuts its client down. */
    @Override
    public int getPhase() {
        return 1;
    }
}
