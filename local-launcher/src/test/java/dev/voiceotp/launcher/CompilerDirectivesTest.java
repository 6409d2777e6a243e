package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The compiler directives every voice-otp JVM starts with: the file is one this JDK accepts (a JVM refuses to start
 * on a malformed one), it excludes its methods from C2 and from nothing else, and the local launcher, run-local's
 * launcher JVM and the container image all load the same file.
 */
class CompilerDirectivesTest {

    private static final Path ROOT = Checkout.root();
    private static final Path FILE = ROOT.resolve(CompilerDirectives.FILE);

    @Test
    void shouldBeAcceptedByThisJdkAndExcludeEveryListedMethodFromC2Only() throws Exception {
        List<String> options = new ArrayList<>(CompilerDirectives.jvmOptions(ROOT));
        options.add("-XX:+CompilerDirectivesPrint");
        String printed = JavaVersionRun.printed(options);
        assertThat(printed).contains("1 compiler directives added");

        // the JVM prints its directive (the one before "(default)"): the listed patterns, C1 untouched, C2 excluded
        String directive = printed.substring(printed.indexOf("Directive:"), printed.indexOf("Directive: (default)"));
        List<String> listed = listedPatterns();
        assertThat(listed).isNotEmpty().allSatisfy(pattern -> assertThat(directive).contains(pattern));
        String c1 = directive.substring(directive.indexOf("c1 directives:"), directive.indexOf("c2 directives:"));
        String c2 = directive.substring(directive.indexOf("c2 directives:"));
        assertThat(c1).contains("Exclude:false");
        assertThat(c2).contains("Enable:true").contains("Exclude:true");
    }

    @Test
    void shouldNeverKeepThisProjectsOwnCodeFromC2() throws IOException {
        // voice-otp's classes are request-path code: a pattern naming them (or everything) would slow every request
        assertThat(listedPatterns()).noneMatch(pattern -> pattern.startsWith("dev/") || pattern.startsWith("*"));
    }

    @Test
    void shouldBeLoadedByEveryJvmTheProjectStarts() throws IOException {
        assertThat(CompilerDirectives.jvmOptions(ROOT)).containsExactly("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + FILE.toAbsolutePath().normalize());
        assertThat(Files.readString(ROOT.resolve("run-local"))).contains("-XX:CompilerDirectivesFile=" + CompilerDirectives.FILE);
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("COPY " + CompilerDirectives.FILE + " ./jvm/")
                .contains("\"-XX:CompilerDirectivesFile=" + CompilerDirectives.FILE + "\"");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!" + CompilerDirectives.FILE);
    }

    private static List<String> listedPatterns() throws IOException {
        Matcher quoted = Pattern.compile("^\\s*\"([^\"]+)\",?\\s*$", Pattern.MULTILINE).matcher(Files.readString(FILE));
        List<String> patterns = new ArrayList<>();
        while (quoted.find()) {
            patterns.add(quoted.group(1));
        }
        return patterns;
    }
}
