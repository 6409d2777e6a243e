package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * The JIT compiler directives every local JVM starts with ({@value #FILE} in the project): methods hot only while
 * a Spring Boot application starts are left to C1, so that C2's first minute after the start goes to the request
 * paths instead of to compilations the start no longer needs. The file says which methods and why;
 * bench/README.md has the measurements.
 */
final class CompilerDirectives {

    /** Where the directives are, relative to the project directory. */
    static final String FILE = "jvm/compiler-directives.json";

    private CompilerDirectives() {
    }

    /** The JVM options that load the project's directives (a JVM refuses to start when the file is missing or malformed). */
    static List<String> jvmOptions(Path projectDir) {
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + projectDir.resolve(FILE).toAbsolutePath().normalize());
    }
}
