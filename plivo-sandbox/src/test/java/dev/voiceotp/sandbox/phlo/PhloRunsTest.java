package dev.voiceotp.sandbox.phlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.voiceotp.sandbox.TestProperties;

class PhloRunsTest {

    private final PhloRuns runs = new PhloRuns(TestProperties.keeping(2));

    @Test
    void shouldKeepOnlyTheNewestRunsSoMemoryStaysFlat() {
        for (int i = 1; i <= 4; i++) {
            runs.add(new PhloRun("run-" + i, "phlo", "+14155550100", "+14155550111", Instant.now(), null));
        }

        assertThat(runs.all()).extracting(PhloRun::phloRunId).containsExactly("run-3", "run-4");
    }
}
