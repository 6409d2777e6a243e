package dev.voiceotp.contract.redis;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * Every service's {@link RedisTemplate} hands its callbacks the connection itself. A template that does not wraps
 * the connection of each script run (Spring's script executor is such a callback) in a new JDK proxy whose only
 * job is to ignore {@code close()}, and sends every command through reflection: about 2 % of the gateway's CPU per
 * request. No callback of the services closes its connection.
 */
@AutoConfiguration
@ConditionalOnClass(RedisTemplate.class)
public final class DirectScriptConnectionsAutoConfiguration {

    @Bean
    static BeanPostProcessor directScriptConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RedisTemplate<?, ?> template) {
                    template.setExposeConnection(true);
                }
                return bean;
            }
        };
    }
}
