package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The modules' own JVM options are ones this JDK accepts (a malformed option stops a JVM from starting) and are the
 * same in ./run-local and in docker-compose.yml: the sandbox caps every compilation, the gateway and the verifier
 * compile later, the worker keeps HotSpot's defaults; the run's own options come last.
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
    void shouldRaiseTheJitThresholdsOfTheGatewayAndTheVerifierOnly() throws Exception {
        assertThat(ModuleJvmOptions.of("api-gateway")).containsExactly(ModuleJvmOptions.LATER_COMPILATION);
        assertThat(ModuleJvmOptions.of("verifier")).containsExactly(ModuleJvmOptions.LATER_COMPILATION);
        assertThat(ModuleJvmOptions.of("otp-worker")).isEmpty();
        assertThat(ModuleJvmOptions.of("plivo-sandbox")).doesNotContain(ModuleJvmOptions.LATER_COMPILATION);

        List<String> printing = List.of(ModuleJvmOptions.LATER_COMPILATION, "-XX:+PrintFlagsFinal");
        assertThat(JavaVersionRun.printed(printing)).containsPattern("double CompileThresholdScaling\\s+= 3\\.0+ ");
    }

    @Test
    void shouldStartTheComposeServicesWithTheSameOptions() {
        ComposeFile compose = new ComposeFile(Checkout.root().resolve("docker-compose.yml"));
        assertThat(List.of("plivo-sandbox", "api-gateway", "verifier")).allSatisfy(module -> assertThat(compose.rawEnvironment(module))
                .containsEntry("JDK_JAVA_OPTIONS", String.join(" ", ModuleJvmOptions.of(module))));
        assertThat(compose.rawEnvironment("otp-worker")).doesNotContainKey("JDK_JAVA_OPTIONS");
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
