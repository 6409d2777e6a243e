package dev.voiceotp.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.voiceotp.contract.verification.CodeProperties;

/** The verifier's settings and the shared code rules it enforces, as configuration binds and validates them. */
class VerifierPropertiesTest {

    private static final String SECRET = "verifier-tests-hmac-secret-0123456789abcdef";
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void shouldRequireAnAppIdWhenTheGuidesEndpointIsEnabled() {
        assertThat(messages(verifier(new VerifierProperties.Legacy(true, " "), Duration.ofSeconds(1))))
                .containsExactly("voice-otp.verifier.legacy.app-id is required when the guide's endpoint is enabled");
    }

    @Test
    void shouldNeedNothingWhileTheGuidesEndpointIsOff() {
        assertThat(messages(verifier(new VerifierProperties.Legacy(false, null), Duration.ofSeconds(1)))).isEmpty();
    }

    @Test
    void shouldRefuseASweepIntervalThatWouldHammerRedisOrReportExpiriesLate() {
        assertThat(messages(verifier(new VerifierProperties.Legacy(false, null), Duration.ofMillis(50))))
                .containsExactly("voice-otp.verifier.expiry-sweep.interval must be between 100 ms and 1 minute");
        assertThat(messages(verifier(new VerifierProperties.Legacy(false, null), Duration.ofMinutes(2)))).hasSize(1);
    }

    @Test
    void shouldBindTheFailureBudgetDefaultsOfTenWrongCodesPerNumberPerHour() {
        CodeProperties codes = bindCodes(Map.of("voice-otp.code.hmac-secret", SECRET));

        assertThat(codes.numberFailureBudget()).isEqualTo(10);
        assertThat(codes.numberFailureWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(codes.maxAttempts()).isEqualTo(5);
        assertThat(codes.ttl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(messages(codes)).isEmpty();
    }

    @Test
    void shouldBindAConfiguredFailureBudget() {
        CodeProperties codes = bindCodes(Map.of("voice-otp.code.hmac-secret", SECRET,
                "voice-otp.code.number-failure-budget", "6", "voice-otp.code.number-failure-window", "30m"));

        assertThat(codes.numberFailureBudget()).isEqualTo(6);
        assertThat(codes.numberFailureWindow()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldRefuseACodeLifetimeBeyondTenMinutes() {
        assertThat(messages(codes(Duration.ofMinutes(10)))).isEmpty();
        assertThat(messages(codes(Duration.ofMinutes(10).plusMillis(1))))
                .containsExactly("voice-otp.code.ttl must be between 30 seconds and 10 minutes");
    }

    @Test
    void shouldRefuseCodesShorterThanSixDigits() {
        assertThat(messages(bindCodes(Map.of("voice-otp.code.hmac-secret", SECRET, "voice-otp.code.length", "6")))).isEmpty();
        assertThat(messages(bindCodes(Map.of("voice-otp.code.hmac-secret", SECRET, "voice-otp.code.length", "5"))))
                .containsExactly("voice-otp.code.length must be between 6 and 10 digits");
        assertThat(messages(bindCodes(Map.of("voice-otp.code.hmac-secret", SECRET, "voice-otp.code.length", "11")))).hasSize(1);
    }

    @Test
    void shouldRefuseAnEmptyFailureBudgetOrAWindowTooShortToMatter() {
        CodeProperties codes = new CodeProperties(6, Duration.ofMinutes(5), 5, SECRET, Duration.ofHours(1), 0, Duration.ofSeconds(10), List.of());

        assertThat(messages(codes)).containsExactlyInAnyOrder("must be greater than or equal to 1",
                "voice-otp.code.number-failure-window must be between 1 minute and 24 hours");
    }

    @Test
    void shouldFillInEachCheckLimitsOwnDefaultsAndRefuseAWindowBeyondADay() {
        VerifierProperties.Limits limits = new Binder(new MapConfigurationPropertySource(Map.of("voice-otp.verifier.limits.ip.capacity", "5")))
                .bindOrCreate("voice-otp.verifier", VerifierProperties.class).limits();

        assertThat(limits.ip()).isEqualTo(new VerifierProperties.Limit(5, Duration.ofMinutes(1)));
        assertThat(limits.number()).isEqualTo(new VerifierProperties.Limit(20, Duration.ofMinutes(10)));
        assertThat(limits.number().enabled()).isTrue();
        assertThat(messages(new VerifierProperties.Limit(5, Duration.ofDays(2)))).containsExactly("a rate-limit window must be between 1 second and 1 day");
    }

    private static VerifierProperties verifier(VerifierProperties.Legacy legacy, Duration sweepInterval) {
        return new VerifierProperties(legacy,
                new VerifierProperties.ExpirySweep(true, sweepInterval, 200), limits(-1, null), List.of());
    }

    private static VerifierProperties.Limits limits(int ipCapacity, @Nullable Duration ipWindow) {
        return new VerifierProperties.Limits(new VerifierProperties.Limit(ipCapacity, ipWindow), new VerifierProperties.Limit(-1, null));
    }

    private static CodeProperties codes(Duration ttl) {
        return new CodeProperties(6, ttl, 5, SECRET, Duration.ofHours(1), 10, Duration.ofHours(1), List.of());
    }

    private static CodeProperties bindCodes(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("voice-otp.code", CodeProperties.class);
    }

    private <T> List<String> messages(T properties) {
        return validator.validate(properties).stream().map(ConstraintViolation::getMessage).toList();
    }
}
