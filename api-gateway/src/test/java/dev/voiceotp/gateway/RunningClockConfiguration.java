package dev.voiceotp.gateway;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.voiceotp.testsupport.MutableClock;

/**
 * Puts a running {@link MutableClock} in front of the application's system clock: the gateway's relays and
 * buckets see real time pass, and a test can jump ahead of it.
 */
@TestConfiguration(proxyBeanMethods = false)
class RunningClockConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return MutableClock.running();
    }
}
