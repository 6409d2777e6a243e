package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The alert rules evaluated against synthetic series by Prometheus' own {@code promtool test rules}, with the cases
 * in {@code prometheus/rule-tests/}: each says which alerts fire, with which labels and text, at which minute.
 * promtool comes with Debian's {@code prometheus} package, which {@code .ci/run} installs.
 */
class AlertRulesTest {

    private static final String RULE_TESTS = "prometheus/rule-tests/voice-otp-alerts-test.yml";

    @Test
    void shouldFireExactlyTheAlertsTheRuleTestsExpect() throws Exception {
        Process promtool = new ProcessBuilder(promtool().toString(), "test", "rules", RULE_TESTS)
                .directory(Checkout.root().toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    private static Path promtool() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("promtool is not installed: apt-get install prometheus "
                        + "(.ci/run does), then run this test again"));
    }
}
