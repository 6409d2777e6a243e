package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.verification.CodeProperties;

class CodeGeneratorTest {

    private static CodeGenerator generator(int length) {
        return new CodeGenerator(new CodeProperties(length, Duration.ofMinutes(10), 5, "x".repeat(32), Duration.ofHours(1), 10, Duration.ofHours(1), List.of()));
    }

    @Test
    void shouldIssueCodesOfTheConfiguredLengthMadeOfDigits() {
        for (int length : new int[] {4, 6, 10}) {
            CodeGenerator codes = generator(length);
            for (int i = 0; i < 1_000; i++) {
                assertThat(codes.next()).hasSize(length).containsOnlyDigits();
            }
        }
    }

    @Test
    void shouldDrawEveryDigitPositionUniformlyIncludingLeadingZeros() {
        CodeGenerator codes = generator(6);
        int samples = 60_000;
        int[][] counts = new int[6][10];
        for (int i = 0; i < samples; i++) {
            String code = codes.next();
            for (int position = 0; position < 6; position++) {
                counts[position][code.charAt(position) - '0']++;
            }
        }
        double expected = samples / 10.0;
        for (int position = 0; position < 6; position++) {
            double chiSquare = 0;
            for (int digit = 0; digit < 10; digit++) {
                chiSquare += Math.pow(counts[position][digit] - expected, 2) / expected;
            }
            // 9 degrees of freedom: P(chi2 > 45) < 1e-6, so a fair generator fails one of the six positions about
            // once in 180,000 runs (at p = 0.001 it failed about one suite run in 170); a digit drawn 10 % too
            // often or too rarely still gives a chi-square above 60
            assertThat(chiSquare).as("chi-square of digit position %d", position).isLessThan(45.0);
        }
    }

    @Test
    void shouldCoverTheWholeSpaceOfShortCodes() {
        CodeGenerator codes = generator(4);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000 && seen.size() < 10_000; i++) {
            seen.add(codes.next());
        }
        // 200k draws over 10k values miss a given value with probability e^-20: all of them, 0000 included, appear
        assertThat(seen).hasSize(10_000).contains("0000", "9999");
    }
}
