package dev.voiceotp.sandbox;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import dev.voiceotp.sandbox.callback.CallbackClient;

/** Starts the sandbox on port 8090 (see {@code application.yml}); tests start it on a random port. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlivoSandboxApplication {

    public static void main(String[] args) {
        CallbackClient.keepConnectionsAlive();
        SpringApplication.run(PlivoSandboxApplication.class, args);
    }

    /** Call timestamps come from here, so a test can control the clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
