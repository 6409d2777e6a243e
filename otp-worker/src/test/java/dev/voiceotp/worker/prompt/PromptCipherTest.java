package dev.voiceotp.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PromptCipherTest {

    private final PromptCipher cipher = new PromptCipher(new byte[32]);

    @Test
    void shouldDecryptWhatItEncryptedForTheSameCallToken() {
        String sealed = cipher.encrypt("042917", "token-a");

        assertThat(cipher.decrypt(sealed, "token-a")).isEqualTo("042917");
        assertThat(sealed).doesNotContain("042917");
        assertThat(new String(Base64.getUrlDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("042917");
    }

    @Test
    void shouldUseAFreshNonceEveryTime() {
        assertThat(cipher.encrypt("042917", "token-a")).isNotEqualTo(cipher.encrypt("042917", "token-a"));
    }

    @Test
    void shouldRefuseACopyMovedToAnotherTokenWithoutNamingTheCode() {
        String sealed = cipher.encrypt("042917", "token-a");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "token-b"))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("042917").doesNotContain(sealed));
    }

    @Test
    void shouldRequireA256BitKey() {
        assertThatThrownBy(() -> new PromptCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepItsCiphersRightAfterAFailedDecryptionAndUnderConcurrentUse() throws Exception {
        String sealed = cipher.encrypt("042917", "token-a");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "token-b")).isInstanceOf(IllegalStateException.class);

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> codes = IntStream.range(0, 200)
                    .mapToObj(i -> threads.submit(() -> cipher.decrypt(cipher.encrypt(code(i), "token-" + i), "token-" + i)))
                    .toList();
            for (int i = 0; i < codes.size(); i++) {
                assertThat(codes.get(i).get()).isEqualTo(code(i));
            }
        }
        assertThat(cipher.decrypt(sealed, "token-a")).isEqualTo("042917");
    }

    private static String code(int i) {
        return "%06d".formatted(i);
    }
}
