package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The sandbox's JVM options are ones this JDK accepts (a malformed compile command stops a JVM from starting) and
 * cap every compilation, in ./run-local and in docker-compose.yml; the services' JVMs get none of them, and the run's
 * own options come last.
 */
class ModuleJvmOptionsTest {

    @Test
    void shouldCapTheSandboxsCompilationsWithOptionsThisJdkAccepts() throws Exception {
        List<String> sandbox = ModuleJvmOptions.of("plivo-sandbox");

        assertThat(java(sandbox)).as("quiet: nothing printed about the compile commands").doesNotContain("CompileCommand");
        List<String> loud = sandbox.stream().filter(option -> !option.endsWith("=quiet")).toList();
        assertThat(java(loud)).contains("CompileCommand: MemLimit *.* intx MemLimit = " + 64 * 1024 * 1024);
    }

    @Test
    void shouldCapTheComposeSandboxTheSameWay() {
        ComposeFile compose = new ComposeFile(Checkout.root().resolve("docker-compose.yml"));
        assertThat(compose.rawEnvironment("plivo-sandbox")).containsEntry("JDK_JAVA_OPTIONS", String.join(" ", ModuleJvmOptions.of("plivo-sandbox")));
    }

    @Test
    void shouldGiveTheServicesNoModuleOptions() {
        assertThat(List.of("api-gateway", "otp-worker", "verifier")).allSatisfy(module -> assertThat(ModuleJvmOptions.of(module)).isEmpty());
    }

    @Test
    void shouldPutTheModulesOptionsAfterTheDirectivesAndBeforeTheRunsOwn() {
        Path root = Checkout.root();
        try (ServiceLaunches launches = new ServiceLaunches(root, root.resolve("target/unused-aot"), root.resolve("target/unused-logs"),
                " -Xmx96m  -XX:+UseSerialGC ", false)) {
            List<String> expected = new ArrayList<>(CompilerDirectives.jvmOptions(root));
            expected.addAll(ModuleJvmOptions.of("plivo-sandbox"));
            expected.addAll(List.of("-Xmx96m", "-XX:+UseSerialGC"));
            assertThat(launches.javaOptions("plivo-sandbox")).containsExactlyElementsOf(expected);
            assertThat(launches.javaOptions("verifier")).doesNotContainAnyElementsOf(ModuleJvmOptions.of("plivo-sandbox"))
                    .endsWith("-Xmx96m", "-XX:+UseSerialGC");
        }
    }

    /** What {@code java <options> -version} prints; fails the test unless it exits 0. */
    private static String java(List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(printed).isZero();
        return printed;
    }
}
