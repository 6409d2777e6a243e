package dev.voiceotp.contract.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The keyed code hash and the candidates a check sends during a secret rotation. */
class CodeHashingTest {

    private static final String CURRENT = "current-secret-of-at-least-32-characters!";
    private static final String PREVIOUS = "previous-secret-of-at-least-32-characters";

    @Test
    void shouldHashTheSameCodeOfTheSameVerificationAlike() {
        CodeHasher hasher = CodeHasher.fromSecret(CURRENT);

        assertThat(hasher.hash("v1", "123456")).isEqualTo(hasher.hash("v1", "123456"));
        // HMAC-SHA256 in Base64's URL alphabet without padding: 43 characters, never the code itself
        assertThat(hasher.hash("v1", "123456")).hasSize(43).matches("[A-Za-z0-9_-]+").doesNotContain("123456");
    }

    @Test
    void shouldBindTheHashToTheVerificationTheCodeAndTheSecret() {
        CodeHasher hasher = CodeHasher.fromSecret(CURRENT);
        String hash = hasher.hash("v1", "123456");

        assertThat(hasher.hash("v2", "123456")).isNotEqualTo(hash);
        assertThat(hasher.hash("v1", "123457")).isNotEqualTo(hash);
        assertThat(CodeHasher.fromSecret(PREVIOUS).hash("v1", "123456")).isNotEqualTo(hash);
    }

    @Test
    void shouldRefuseASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> CodeHasher.fromSecret("too-short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> properties(null, List.of()).hasher()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> properties(CURRENT, List.of("short")).checkHashers())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldOfferTheCurrentHashFirstThenThoseOfSecretsBeingRotatedOut() {
        CodeHashers hashers = properties(CURRENT, List.of(PREVIOUS, "")).checkHashers();

        assertThat(hashers.candidates("v1", "123456").split(" ")).containsExactly(
                CodeHasher.fromSecret(CURRENT).hash("v1", "123456"),
                CodeHasher.fromSecret(PREVIOUS).hash("v1", "123456"));
    }

    @Test
    void shouldOfferOnlyTheCurrentHashWithoutARotation() {
        assertThat(properties(CURRENT, List.of()).checkHashers().candidates("v1", "123456"))
                .isEqualTo(CodeHasher.fromSecret(CURRENT).hash("v1", "123456"));
    }

    private static CodeProperties properties(String secret, List<String> previous) {
        return new CodeProperties(6, Duration.ofMinutes(10), 5, secret, Duration.ofHours(1), 10, Duration.ofHours(1),
                previous);
    }
}
