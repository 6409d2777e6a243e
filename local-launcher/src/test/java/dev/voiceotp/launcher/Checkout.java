package dev.voiceotp.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** The voice-otp checkout the tests run in, found upwards from the working directory (the module's). */
final class Checkout {

    private Checkout() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("otp-contract"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the voice-otp checkout");
    }
}
