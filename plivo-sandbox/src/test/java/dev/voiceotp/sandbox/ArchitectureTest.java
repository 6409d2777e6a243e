package dev.voiceotp.sandbox;

import org.junit.jupiter.api.Test;

import dev.voiceotp.testsupport.ServiceArchitecture;

/** No package cycles, no Redis script in the web layer, only the contract shared ({@link ServiceArchitecture}). */
class ArchitectureTest {

    @Test
    void shouldKeepTheLayoutRules() {
        ServiceArchitecture.of("sandbox").verify();
    }
}
