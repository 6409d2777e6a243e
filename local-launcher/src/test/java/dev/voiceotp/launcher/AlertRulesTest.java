package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The alert rules evaluated against synthetic series by Prometheus' own {@code promtool test rules}, with the cases
 * in {@code prometheus/rule-tests/}: each says which alerts fire, with which labels and text, at which minute.
 * promtool comes with Debian's {@code prometheus} package; {@code run-tests} unpacks it when it is missing.
 */
class AlertRulesTest {

    private static final String RULES = "prometheus/rules/voice-otp-alerts.yml";
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

    @Test
    void shouldHaveARuleTestForEveryAlert() {
        MonitoringFiles files = new MonitoringFiles(Checkout.root());
        Set<String> alerts = files.rules(Checkout.root().resolve(RULES)).stream()
                .filter(rule -> rule.containsKey("alert"))
                .map(rule -> String.valueOf(rule.get("alert")))
                .collect(Collectors.toSet());

        assertThat(testedAlerts()).containsAll(alerts);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> testedAlerts() {
        Map<String, Object> root = MonitoringFiles.readYaml(Checkout.root().resolve(RULE_TESTS));
        return ((List<Map<String, Object>>) root.get("tests")).stream()
                .flatMap(test -> ((List<Map<String, Object>>) test.get("alert_rule_test")).stream())
                .filter(check -> !((List<?>) check.get("exp_alerts")).isEmpty())
                .map(check -> String.valueOf(check.get("alertname")))
                .collect(Collectors.toSet());
    }

    private static Path promtool() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("promtool is not installed: apt-get install prometheus, or run "
                        + "./run-tests, which unpacks it into .tools/"));
    }
}
