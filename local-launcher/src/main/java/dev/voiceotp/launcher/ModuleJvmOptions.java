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
 *
 * <p>The gateway and the verifier compile later: every JIT threshold three times HotSpot's. About half of a
 * service's start is JIT compilation, of methods that are hot only while it starts; with the higher thresholds a
 * start needs about a fifth less CPU and less compiled code. Their request paths run thousands of times a second
 * under load, so those still reach C2 within seconds. The worker and the sandbox keep HotSpot's thresholds: a call
 * runs much of their code once or a few times, at most a few hundred calls a second, and with tripled thresholds
 * their call path stayed in C1's slower code for minutes longer (request -> call placed at 200 a second, bench/README.md,
 * "JIT thresholds").
 */
final class ModuleJvmOptions {

    static final String SANDBOX_COMPILATION_LIMIT = "64m";

    /** Every JIT compilation threshold, as a multiple of HotSpot's. */
    static final String LATER_COMPILATION = "-XX:CompileThresholdScaling=3";

    private static final Map<String, List<String>> OPTIONS = Map.of(
            // quiet: the JVM would otherwise print each compile command to the service's log when it starts
            "plivo-sandbox", List.of("-XX:CompileCommand=quiet", "-XX:CompileCommand=MemLimit,*.*," + SANDBOX_COMPILATION_LIMIT),
            "api-gateway", List.of(LATER_COMPILATION),
            "verifier", List.of(LATER_COMPILATION));

    private ModuleJvmOptions() {
    }

    /** The options of {@code module} only (none for most). */
    static List<String> of(String module) {
        return OPTIONS.getOrDefault(module, List.of());
    }
}
