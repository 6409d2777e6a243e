package dev.voiceotp.contract.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.record.RecordSigningProperties;

/**
 * A secret set wrongly stops the start without being printed: Boot's report of a failed constraint prints the rejected
 * value, so secrets (and API key digests, where a key pasted by mistake would be printed) are checked by rules that
 * name the setting only.
 */
class SecretsNotInBindingFailuresTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void shouldNotPrintAShortRecordSecret() {
        assertFailsWithout("voice-otp.records.previous-signing-secrets[0]=short-SECRET-VALUE", "short-SECRET-VALUE",
                "previous-signing-secrets");
        assertFailsWithout("voice-otp.records.app-secrets.shop[0]=short-APP-SECRET", "short-APP-SECRET", "app-secrets");
    }

    @Test
    void shouldNotPrintAKeyPastedForItsDigestNorAMalformedWebhookSecret() {
        String app = "voice-otp.apps[0].";
        runner.withPropertyValues(app + "id=shop", app + "name=Shop", app + "api-key-sha256[0]=RAW-API-KEY-pasted-by-mistake")
                .run(context -> assertThat(report(context.getStartupFailure())).contains("api-key-sha256")
                        .doesNotContain("RAW-API-KEY-pasted-by-mistake"));
        runner.withPropertyValues(app + "id=shop", app + "name=Shop", app + "api-key-sha256[0]=" + "a".repeat(64),
                app + "callback.url=https://shop.example/hooks", app + "callback.secrets[0]=whsec_not-base64-SECRET")
                .run(context -> assertThat(report(context.getStartupFailure())).contains("callback secret")
                        .doesNotContain("not-base64-SECRET"));
    }

    private void assertFailsWithout(String property, String secret, String named) {
        runner.withPropertyValues(property).run(context -> assertThat(report(context.getStartupFailure())).contains(named)
                .doesNotContain(secret));
    }

    /** What the start's failure report says: Boot's failure analysis, or the exceptions' messages. */
    private static String report(Throwable failure) throws Exception {
        assertThat(failure).as("the start fails").isNotNull();
        Class<?> analyzerType = ClassUtils.forName("org.springframework.boot.diagnostics.analyzer.BindValidationFailureAnalyzer",
                SecretsNotInBindingFailuresTest.class.getClassLoader());
        var constructor = analyzerType.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object analyzer = constructor.newInstance();
        FailureAnalysis analysis = ((org.springframework.boot.diagnostics.FailureAnalyzer) analyzer).analyze(failure);
        StringBuilder text = new StringBuilder(analysis == null ? "" : analysis.getDescription() + analysis.getAction());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append('\n').append(cause.getMessage());
        }
        return text.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RecordSigningProperties.class, ProducerAppsProperties.class})
    static class Settings {
    }
}
