package dev.voiceotp.sandbox;

import java.time.Duration;
import java.util.List;

/** Sandbox settings for unit tests: the defaults, with the knobs a test turns. */
public final class TestProperties {

    private TestProperties() {
    }

    public static SandboxProperties keeping(int maxRecordedCalls) {
        return new SandboxProperties("MAVOICEOTPSANDBOX001", "token", List.of(), Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(2), Duration.ofMillis(200), 2, Duration.ofSeconds(3), maxRecordedCalls,
                Duration.ofSeconds(1));
    }

    public static SandboxProperties pacedAt(int callsPerSecond) {
        return new SandboxProperties("MAVOICEOTPSANDBOX001", "token", List.of(), Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(2), Duration.ofMillis(200), callsPerSecond, Duration.ofSeconds(3), 100,
                Duration.ofSeconds(1));
    }
}
