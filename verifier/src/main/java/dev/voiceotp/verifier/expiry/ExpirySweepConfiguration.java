package dev.voiceotp.verifier.expiry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import dev.voiceotp.verifier.VerifierProperties;

/**
 * Runs the sweeper with a fixed delay from {@code voice-otp.verifier.expiry-sweep.interval}: a delay, not a rate,
 * so a slow sweep is never overlapped by the next one on the same instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "voice-otp.verifier.expiry-sweep.enabled", matchIfMissing = true)
class ExpirySweepConfiguration implements SchedulingConfigurer {

    private final ExpirySweeper sweeper;
    private final VerifierProperties properties;

    ExpirySweepConfiguration(ExpirySweeper sweeper, VerifierProperties properties) {
        this.sweeper = sweeper;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(sweeper::sweep, properties.expirySweep().interval());
    }
}
