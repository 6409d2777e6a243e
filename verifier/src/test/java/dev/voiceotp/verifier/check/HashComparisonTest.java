package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.verification.CodeHasher;

/**
 * Why the check script may compare code hashes with a plain {@code ==}: a comparison that stops at the first
 * differing character leaks, at most, how long a prefix the submitted value shares with the stored one. Here the
 * compared values are HMACs, so choosing a code close to the right one (or trying codes in any order) gives no
 * longer shared prefix than chance: there is nothing to climb. The inputs are fixed, so the test is deterministic.
 */
class HashComparisonTest {

    private static final CodeHasher HASHER = CodeHasher.fromSecret("hash-comparison-test-secret-0123456789");
    private static final String VERIFICATION_ID = "5d1c9a7e-3f2b-4c8d-9e6a-0b1f2c3d4e5f";
    private static final String RIGHT_CODE = "493817";

    @Test
    void shouldGiveCodesThatShareDigitsWithTheRightCodeNoHeadStartInTheComparedHash() {
        String stored = HASHER.hash(VERIFICATION_ID, RIGHT_CODE);
        int[] longestByDigitsShared = new int[RIGHT_CODE.length()];
        int sharingTwoOrMoreCharacters = 0;
        // every code that shares at least the first three digits, and ten thousand others
        Random random = new Random(42);
        for (int i = 0; i < 11_000; i++) {
            String code = i < 1000 ? RIGHT_CODE.substring(0, 3) + "%03d".formatted(i) : "%06d".formatted(random.nextInt(1_000_000));
            if (code.equals(RIGHT_CODE)) {
                continue;
            }
            int shared = commonPrefix(HASHER.hash(VERIFICATION_ID, code), stored);
            int digits = commonPrefix(code, RIGHT_CODE);
            longestByDigitsShared[digits] = Math.max(longestByDigitsShared[digits], shared);
            sharingTwoOrMoreCharacters += shared >= 2 ? 1 : 0;
        }

        // 64 symbols per character: about 11 000 / 64^2 = 2.7 codes share two characters by chance, 0.04 share three
        assertThat(java.util.Arrays.stream(longestByDigitsShared).max().orElseThrow()).isLessThanOrEqualTo(3);
        assertThat(longestByDigitsShared[5]).as("codes one digit away from the right one").isLessThanOrEqualTo(1);
        assertThat(sharingTwoOrMoreCharacters).isLessThanOrEqualTo(10);
    }

    @Test
    void shouldHashTheSameCodeDifferentlyForAnotherVerificationOrAnotherSecret() {
        String stored = HASHER.hash(VERIFICATION_ID, RIGHT_CODE);

        assertThat(HASHER.hash("another-verification", RIGHT_CODE)).isNotEqualTo(stored);
        assertThat(CodeHasher.fromSecret("another-secret-of-at-least-32-characters").hash(VERIFICATION_ID, RIGHT_CODE))
                .isNotEqualTo(stored);
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
