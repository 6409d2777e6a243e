package dev.voiceotp.contract.redis;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessor;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Every service's Redis connections wait for replies without timers of their own
 * ({@link ExpiringCommandsConnectionFactory}). Boot builds the connection factory from {@code spring.data.redis.*}
 * and the services' customizers; before it starts, the factory is swapped for one of the same configuration, client
 * settings and executor whose connections leave command timeouts to Lettuce.
 *
 * <p>Spring Data keeps the factory's Redis configuration and executor in fields without getters for every kind of
 * setup (a static master/replica one has none), so they are read by name; if a Spring Data version renames them, the
 * factory is left as Boot built it and a warning says so ({@code ExpiringCommandsAutoConfigurationTest} fails then).
 */
@AutoConfiguration
@ConditionalOnClass(LettuceConnectionFactory.class)
public final class ExpiringCommandsAutoConfiguration {

    private static final Log log = LogFactory.getLog(ExpiringCommandsAutoConfiguration.class);

    @Bean
    static BeanPostProcessor expiringCommandsConnectionFactory() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean.getClass() == LettuceConnectionFactory.class) {
                    return withExpiringCommands((LettuceConnectionFactory) bean);
                }
                return bean;
            }
        };
    }

    static LettuceConnectionFactory withExpiringCommands(LettuceConnectionFactory built) {
        LettuceClientConfiguration clientConfiguration = built.getClientConfiguration();
        if (!ExpiringCommandsConnectionFactory.expiresCommands(clientConfiguration)) {
            return built;
        }
        try {
            PropertyAccessor fields = PropertyAccessorFactory.forDirectFieldAccess(built);
            RedisConfiguration configuration = (RedisConfiguration) fields.getPropertyValue("configuration");
            AsyncTaskExecutor executor = (AsyncTaskExecutor) fields.getPropertyValue("executor");
            if (configuration == null) {
                throw new IllegalStateException("no Redis configuration");
            }
            return ExpiringCommandsConnectionFactory.of(configuration, clientConfiguration, executor);
        } catch (BeansException | IllegalStateException | ClassCastException e) {
            log.warn("Redis connections keep Spring's timed waits: cannot read the connection factory's settings (" + e + ")");
            return built;
        }
    }
}
