package dev.voiceotp.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

/**
 * Bucket4j's compare-and-swap proxy manager on Lettuce: a bucket's state lives in one Redis key, read and
 * replaced by a CAS Lua script, so buckets are shared by every gateway instance without locks.
 *
 * <p>Time comes from the application's {@link Clock} (wall clock, as all instances must agree), which also
 * lets tests move it. A bucket key expires once the bucket would be full again: an idle subject costs nothing.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Duration KEY_GRACE = Duration.ofSeconds(10);

    @Bean
    LazyLettuceApi rateLimitRedis(LettuceConnectionFactory factory) {
        return new LazyLettuceApi(factory);
    }

    @Bean
    AsyncProxyManager<String> rateLimitBuckets(LazyLettuceApi redis, Clock clock, DataRedisProperties redisProperties) {
        Duration timeout = redisProperties.getTimeout() != null ? redisProperties.getTimeout() : Duration.ofSeconds(2);
        return new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(redis)
                .clientClock(new ClockTimeMeter(clock))
                .requestTimeout(timeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_GRACE))
                .build()
                .asAsync()
                .withMapper((String key) -> key);
    }

    /** Bucket4j's view of the application clock, in nanoseconds since the epoch. */
    record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
