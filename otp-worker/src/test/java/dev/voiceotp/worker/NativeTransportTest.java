package dev.voiceotp.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import io.lettuce.core.resource.EpollProvider;

/** The pom declares Netty's epoll library for Linux x86-64 (bench/README: fewer costly event-loop wake-ups). */
class NativeTransportTest {

    @Test
    void shouldUseEpollOnLinuxX64() {
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")));
        assertThat(EpollProvider.isAvailable()).as("Lettuce on epoll").isTrue();
    }
}
