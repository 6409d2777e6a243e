package dev.voiceotp.worker.attempt;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.CodeProperties;

/**
 * Draws one-time codes uniformly from all {@code 10^length} values with {@link SecureRandom}, leading zeros
 * included ({@code nextLong(bound)} rejects out-of-range draws, so there is no modulo bias).
 */
@Component
public class CodeGenerator {

    private final SecureRandom random = new SecureRandom();
    private final int length;
    private final long bound;

    public CodeGenerator(CodeProperties properties) {
        this.length = properties.length();
        this.bound = pow10(length);
    }

    public String next() {
        String digits = Long.toString(random.nextLong(bound));
        return "0".repeat(length - digits.length()) + digits;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
