package dev.voiceotp.worker.plivo;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * The token bucket behind {@link CallPacer}: Bucket4j with its state in Redis (compare-and-swap through
 * Lettuce), so every worker instance draws from the same bucket.
 *
 * <p>Capacity one, one token per {@link WorkerProperties.Pacing#spacing()}: calls are evenly spaced, never a
 * burst, so no one-second window holds more than the limit. The bucket's configuration is stored with its
 * state; a worker that starts with a different limit replaces it (the newest deployment wins).
 */
@Configuration(proxyBeanMethods = false)
class PacingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PacingConfiguration.class);
    static final String BUCKET_KEY = RedisKeys.rateLimit("plivo-calls", "account");
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(60);
    private static final Duration CONNECT_PAUSE = Duration.ofMillis(500);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    @Bean(destroyMethod = "close")
    StatefulConnection<String, byte[]> pacingRedisConnection(LettuceConnectionFactory connectionFactory) {
        connectionFactory.start(); // idempotent; the native client exists only once the factory has started
        return switch (connectionFactory.getNativeClient()) {
            case RedisClient client -> connect(() -> client.connect(CODEC));
            case RedisClusterClient cluster -> connect(() -> cluster.connect(CODEC));
            case null, default -> throw new IllegalStateException("call pacing needs Lettuce's RedisClient or RedisClusterClient");
        };
    }

    /**
     * Redis that is slow or briefly away when the worker starts (a busy machine, a restart) must not fail the start:
     * the connection is tried again for up to {@link #CONNECT_WAIT}; readiness shows Redis DOWN meanwhile.
     */
    private static StatefulConnection<String, byte[]> connect(Supplier<StatefulConnection<String, byte[]>> connector) {
        long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
        while (true) {
            try {
                return connector.get();
            } catch (RedisConnectionException e) {
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                log.warn("Redis not reachable for call pacing yet ({}); trying again", e.getMessage());
                try {
                    Thread.sleep(CONNECT_PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Bean
    BucketProxy plivoCallBucket(StatefulConnection<String, byte[]> connection, WorkerProperties properties) {
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder = switch (connection) {
            case StatefulRedisClusterConnection<String, byte[]> cluster -> Bucket4jLettuce.casBasedBuilder(cluster);
            case StatefulRedisConnection<String, byte[]> single -> Bucket4jLettuce.casBasedBuilder(single);
            default -> throw new IllegalStateException("unexpected Redis connection " + connection.getClass());
        };
        LettuceBasedProxyManager<String> buckets = builder
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        Duration spacing = properties.pacing().spacing();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).build())
                .build();
        BucketProxy bucket = buckets.builder().build(BUCKET_KEY, () -> configuration);
        buckets.getProxyConfiguration(BUCKET_KEY).filter(stored -> !stored.equalsByContent(configuration)).ifPresent(stored -> {
            log.info("Replacing the stored call pacing {} with one call every {} ms", stored, spacing.toMillis());
            bucket.replaceConfiguration(configuration, TokensInheritanceStrategy.RESET);
        });
        return bucket;
    }
}
