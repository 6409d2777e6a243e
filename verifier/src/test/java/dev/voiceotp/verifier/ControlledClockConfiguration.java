package dev.voiceotp.verifier;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.voiceotp.testsupport.MutableClock;

/** Puts a {@link MutableClock} standing at the start time in front of the application's system clock. */
@TestConfiguration(proxyBeanMethods = false)
class ControlledClockConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return MutableClock.standingNow();
    }
}
