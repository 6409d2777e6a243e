package dev.voiceotp.worker.intake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The listener container's settings beyond Boot's properties: Boot applies one container customizer, this one. */
@Configuration(proxyBeanMethods = false)
class ListenerContainers {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> listenerContainerSettings(ListenerShutdown shutdown,
            LeanListenerObservation observation) {
        return container -> {
            shutdown.customize(container);
            observation.customize(container);
        };
    }
}
