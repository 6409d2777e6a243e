package dev.voiceotp.verifier.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The Redis connections checks run on: opened by the Lettuce client Boot configured from {@code spring.data.redis.*}
 * (address, timeouts, client options, command observation), with text keys and values. Lettuce multiplexes any
 * number of concurrent checks over a connection, so a check costs one EVALSHA and no connection hand-over, and it
 * reconnects by itself after Redis went away, rejecting commands meanwhile.
 *
 * <p>One connection per Lettuce I/O thread: a connection's replies are decoded, and its checks completed, on the one
 * thread it is bound to, and with a single connection that thread would be the first to run out under load.
 *
 * <p>Opened once while the context starts, before the web server takes requests (a check arriving at the first
 * moment finds the connections open, also when a paused test context starts again); when that fails, opened in
 * the background and retried every second until it works, so that the verifier starts, and answers 503 at once,
 * while Redis is unreachable, instead of holding a request while a connection attempt times out.
 */
final class CheckConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckConnection.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private final LettuceConnectionFactory factory;
    private volatile List<Connection> connections = List.of();
    private volatile @Nullable Disposable opening;
    private volatile boolean running;

    CheckConnection(LettuceConnectionFactory factory) {
        this.factory = factory;
    }

    /**
     * Sends one command. The future fails with a Lettuce {@code RedisException} when Redis cannot take or answer it,
     * including while the connections are not open yet.
     */
    <T> CompletableFuture<T> send(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        List<Connection> open = connections;
        if (open.isEmpty()) {
            return CompletableFuture.failedFuture(new RedisConnectionException("the check connections to Redis are not open yet"));
        }
        try {
            Connection connection = open.size() == 1 ? open.getFirst() : open.get(ThreadLocalRandom.current().nextInt(open.size()));
            return command.apply(connection.commands()).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void start() {
        running = true;
        try {
            connections = connect();
            return;
        } catch (RuntimeException e) {
            log.warn("cannot connect to Redis for checks yet, retrying every {}: {}", RETRY_EVERY, e.toString());
        }
        opening = Mono.fromCallable(this::connect)
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RETRY_EVERY))
                .subscribe(open -> {
                    connections = open;
                    log.info("connected to Redis for checks");
                });
    }

    private List<Connection> connect() {
        AbstractRedisClient redisClient = factory.getRequiredNativeClient();
        Supplier<Connection> connector = switch (redisClient) {
            case RedisClient client -> () -> Connection.of(client.connect(StringCodec.UTF8));
            case RedisClusterClient cluster -> () -> Connection.of(cluster.connect(StringCodec.UTF8));
            default -> throw new IllegalStateException("checks need Lettuce's RedisClient or RedisClusterClient");
        };
        int count = Math.max(1, redisClient.getResources().ioThreadPoolSize());
        List<Connection> open = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                open.add(connector.get());
            }
        } catch (RuntimeException e) {
            open.forEach(Connection::close);
            throw e;
        }
        return List.copyOf(open);
    }

    /**
     * One open connection and its asynchronous commands: on a cluster connection they send each command to the
     * primary of its key's slot.
     */
    private record Connection(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {

        static Connection of(StatefulRedisConnection<String, String> connection) {
            return new Connection(connection, connection.async());
        }

        static Connection of(StatefulRedisClusterConnection<String, String> connection) {
            return new Connection(connection, connection.async());
        }

        void close() {
            connection.close();
        }
    }

    @Override
    public void stop() {
        running = false;
        Disposable pending = opening;
        if (pending != null) {
            pending.dispose();
        }
        List<Connection> open = connections;
        connections = List.of();
        open.forEach(Connection::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the connection factory, which creates its client when it starts, and before it on the way down. */
    @Override
    public int getPhase() {
        return factory.getPhase() == Integer.MAX_VALUE ? Integer.MAX_VALUE : factory.getPhase() + 1;
    }
}
