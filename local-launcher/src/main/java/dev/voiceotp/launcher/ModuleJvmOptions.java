package dev.voiceotp.launcher;

import java.util.List;
import java.util.Map;

/**
 * JVM options that one module's JVMs start with and the others do not.
 *
 * <p>The Plivo sandbox caps each C2 compilation at {@value #SANDBOX_COMPILATION_LIMIT} of compiler memory. It parses
 * every answer document with the JDK's XML parser, and C2 compiled three of that parser's {@code reset} methods with
 * 139-176 MB of arena each, which set the sandbox's peak RSS (425-460 MiB under load, against 333-345 MiB with the
 * cap). A compilation that would need more stops, and its method stays in C1's code: under load the three
 * {@code reset} methods then take 0.4 % of the sandbox's samples. The services start without a cap: the worker's
 * largest compilation needed 49 MB, and the cap moved none of their peaks (bench/README.md, "The sandbox's
 * compilations capped").
 */
final class ModuleJvmOptions {

    static final String SANDBOX_COMPILATION_LIMIT = "64m";

    private static final Map<String, List<String>> OPTIONS = Map.of("plivo-sandbox",
            // quiet: the JVM would otherwise print each compile command to the service's log when it starts
            List.of("-XX:CompileCommand=quiet", "-XX:CompileCommand=MemLimit,*.*," + SANDBOX_COMPILATION_LIMIT));

    private ModuleJvmOptions() {
    }

    /** The options of {@code module} only (none for most). */
    static List<String> of(String module) {
        return OPTIONS.getOrDefault(module, List.of());
    }
}
