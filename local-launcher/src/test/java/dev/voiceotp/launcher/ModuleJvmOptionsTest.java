package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

        assertThat(JavaVersionRun.printed(sandbox)).as("quiet: nothing printed about the compile commands").doesNotContain("CompileCommand");
        List<String> loud = sandbox.stream().filter(option -> !option.endsWith("=quiet")).toList();
        assertThat(JavaVersionRun.printed(loud)).contains("CompileCommand: MemLimit *.* intx MemLimit = " + 64 * 1024 * 1024);
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
}
