package dev.voiceotp.contract.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Every service's Lettuce client on a timer that ticks twice a second instead of ten times. Lettuce arms a timeout
 * on this timer for every command (the {@code spring.data.redis.timeout}) and, by default, gives it a tick of 100 ms,
 * so its thread wakes ten times a second whether or not anything is due: a fifth of a millisecond of CPU each time
 * on these machines, about 2 ms a second in every idle or paced service. The timeouts it serves are seconds long, so
 * a coarser tick only lets one fire up to {@link #TICK} late; the number of timeouts handled stays the same.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ClientResourcesBuilderCustomizer.class, HashedWheelTimer.class})
public final class CoarseRedisTimerAutoConfiguration {

    /** How late a command's timeout (or a reconnect Lettuce schedules) may fire. */
    static final Duration TICK = Duration.ofMillis(500);

    /** Stopped by the context after the client resources, which do not stop a timer they were given. */
    @Bean(destroyMethod = "stop")
    HashedWheelTimer redisClientTimer() {
        return new HashedWheelTimer(new DefaultThreadFactory("lettuce-timer", true), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer coarseRedisTimer(HashedWheelTimer redisClientTimer) {
        return resources -> resources.timer(redisClientTimer);
    }
}
