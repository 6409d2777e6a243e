package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every Kafka template a service builds by hand sets a producer listener: Spring Kafka's default one logs each failed
 * send's key and value, which for a request record is a phone number in clear. Boot's own template gets the silent
 * listener from otp-contract's auto-configuration; a template made with {@code new KafkaTemplate} does not.
 */
class KafkaTemplateListenersTest {

    private static final Path ROOT = Checkout.root();

    @Test
    void shouldSetAProducerListenerOnEveryHandBuiltTemplate() throws IOException {
        List<Path> building = mainSources().filter(file -> read(file).contains("new KafkaTemplate<")).toList();

        assertThat(building).as("hand-built templates exist to check").isNotEmpty();
        assertThat(building).allSatisfy(file -> assertThat(read(file)).as(ROOT.relativize(file).toString())
                .contains("setProducerListener("));
    }

    private static Stream<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> ROOT.relativize(file).toString().matches("[a-z-]+/src/main/java/.*")).toList().stream();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
