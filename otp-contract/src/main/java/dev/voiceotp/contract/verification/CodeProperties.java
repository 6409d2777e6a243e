package dev.voiceotp.contract.verification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rules for one-time codes ({@code voice-otp.code}), shared by every service so that the gateway's expiry,
 * the worker's code and the verifier's check agree.
 *
 * @param length digits per code (6-10): NIST SP 800-63B asks for at least six (20 bits)
 * @param ttl how long a code is accepted; NIST SP 800-63B caps out-of-band codes at ten minutes
 * @param maxAttempts wrong codes after which a verification is locked
 * @param hmacSecret key of the code hash (at least 32 bytes), the same in the worker and the verifier; the
 *     gateway never hashes codes and needs none
 * @param retention how long a finished or expired verification stays readable after its expiry
 * @param numberFailureBudget wrong codes allowed per phone number per window, over all its verifications and
 *     producer apps; a new code does not reset it (NIST SP 800-63B 5.2.2)
 * @param numberFailureWindow the fixed window of that budget, from the number's first wrong code
 * @param previousHmacSecrets secrets still accepted by checks while the HMAC secret is rotated: codes issued under
 *     them stay valid for their lifetime; new codes are always hashed with {@code hmacSecret}
 */
@Validated
@ConfigurationProperties("voice-otp.code")
public record CodeProperties(
        @DefaultValue("6") @Min(value = 6, message = "voice-otp.code.length must be between 6 and 10 digits")
        @Max(value = 10, message = "voice-otp.code.length must be between 6 and 10 digits") int length,
        @DefaultValue("600s") @NotNull Duration ttl,
        @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
        @Nullable String hmacSecret,
        @DefaultValue("1h") @NotNull Duration retention,
        @DefaultValue("10") @Min(1) @Max(1000) int numberFailureBudget,
        @DefaultValue("1h") @NotNull Duration numberFailureWindow,
        @DefaultValue List<String> previousHmacSecrets) {

    public static final Duration MAX_TTL = Duration.ofMinutes(10);

    /** Without the secrets, which a record's own toString would print. */
    @Override
    public String toString() {
        return "CodeProperties[length=" + length + ", ttl=" + ttl + ", maxAttempts=" + maxAttempts + ", retention=" + retention
                + ", numberFailureBudget=" + numberFailureBudget + ", numberFailureWindow=" + numberFailureWindow + ", secrets=<hidden>]";
    }
    public static final int DEFAULT_NUMBER_FAILURE_BUDGET = 10;
    public static final Duration DEFAULT_NUMBER_FAILURE_WINDOW = Duration.ofHours(1);

    @AssertTrue(message = "voice-otp.code.ttl must be between 30 seconds and 10 minutes")
    public boolean isTtlWithinLimits() {
        return ttl != null && ttl.compareTo(Duration.ofSeconds(30)) >= 0 && ttl.compareTo(MAX_TTL) <= 0;
    }

    @AssertTrue(message = "voice-otp.code.number-failure-window must be between 1 minute and 24 hours")
    public boolean isNumberFailureWindowWithinLimits() {
        return numberFailureWindow != null && numberFailureWindow.compareTo(Duration.ofMinutes(1)) >= 0
                && numberFailureWindow.compareTo(Duration.ofHours(24)) <= 0;
    }

    /** The code hasher; fails with a clear message where a service needs one and no secret is configured. */
    public CodeHasher hasher() {
        if (hmacSecret == null || hmacSecret.length() < 32) {
            throw new IllegalStateException("voice-otp.code.hmac-secret (environment OTP_HMAC_SECRET) must be set to at least 32 characters");
        }
        return CodeHasher.fromSecret(hmacSecret);
    }

    /**
     * What a check compares a submitted code with: the current hasher first, then one per previous secret. Every
     * check hashes under all of them, so the time a check takes does not depend on which secret issued the code.
     */
    public CodeHashers checkHashers() {
        List<CodeHasher> hashers = new ArrayList<>();
        hashers.add(hasher());
        for (String previous : previousHmacSecrets) {
            if (previous.isBlank()) {
                continue; // an unset OTP_PREVIOUS_HMAC_SECRETS binds as one empty entry
            }
            if (previous.length() < 32) {
                throw new IllegalStateException("every voice-otp.code.previous-hmac-secrets entry must have at least 32 characters");
            }
            hashers.add(CodeHasher.fromSecret(previous));
        }
        return new CodeHashers(hashers);
    }
}
