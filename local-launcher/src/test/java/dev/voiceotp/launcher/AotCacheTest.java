package dev.voiceotp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT cache is only ever used with exactly the classes it was trained on; no JVM is started here. */
class AotCacheTest {

    private static final FileTime REPRODUCIBLE_TIME = FileTime.fromMillis(1_764_028_800_000L);

    @TempDir
    Path temp;
    private Path project;
    private Path classes;
    private Path contractJar;
    private Path releaseJar;

    @BeforeEach
    void build() throws IOException {
        project = temp.resolve("project");
        classes = Files.createDirectories(project.resolve("api-gateway/target/classes/dev/voiceotp/gateway"));
        write(classes.resolve("Gateway.class"), "gateway v1");
        write(project.resolve("api-gateway/target/classes/application.yml"), "server.port: 8080");
        classes = project.resolve("api-gateway/target/classes");
        contractJar = project.resolve("otp-contract/target/otp-contract-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(contractJar.getParent());
        write(contractJar, "contract v1");
        releaseJar = temp.resolve("repository/org/example/lib/1.0/lib-1.0.jar");
        Files.createDirectories(releaseJar.getParent());
        write(releaseJar, "release");
    }

    @Test
    void shouldKeepItsFingerprintWhileNothingChanges() {
        assertThat(cache("-Xmx128m").fingerprint()).isEqualTo(cache("-Xmx128m").fingerprint());
    }

    @Test
    void shouldSeeAChangedClassEvenWithTheSameSizeAndTime() throws IOException {
        String before = cache("-Xmx128m").fingerprint();

        write(classes.resolve("dev/voiceotp/gateway/Gateway.class"), "gateway v2"); // same length, same stamp

        assertThat(cache("-Xmx128m").fingerprint()).isNotEqualTo(before);
    }

    @Test
    void shouldSeeARebuiltProjectJarAndOtherJvmOptions() throws IOException {
        String before = cache("-Xmx128m").fingerprint();
        assertThat(cache("-Xmx256m").fingerprint()).isNotEqualTo(before);

        write(contractJar, "contract v2");

        assertThat(cache("-Xmx128m").fingerprint()).isNotEqualTo(before);
    }

    @Test
    void shouldRunFromAPackedCopyOfWhatTheBuildRewritesAndReleaseJarsInPlace() throws IOException {
        List<String> entries = List.of(cache("-Xmx128m").classPath().split(File.pathSeparator));

        Path cacheDir = temp.resolve("aot/api-gateway");
        assertThat(entries).hasSize(3);
        assertThat(Path.of(entries.get(0))).isEqualTo(cacheDir.resolve("app.jar"));
        assertThat(Path.of(entries.get(1))).startsWith(cacheDir.resolve("lib"));
        assertThat(Files.readString(Path.of(entries.get(1)))).isEqualTo("contract v1");
        assertThat(Path.of(entries.get(2))).isEqualTo(releaseJar);
        try (ZipFile app = new ZipFile(entries.get(0))) {
            // directory entries too: Spring's component scan finds packages in a jar by them
            assertThat(Collections.list(app.entries()).stream().map(ZipEntry::getName))
                    .contains("dev/", "dev/voiceotp/gateway/", "dev/voiceotp/gateway/Gateway.class", "application.yml");
            assertThat(new String(app.getInputStream(app.getEntry("dev/voiceotp/gateway/Gateway.class")).readAllBytes()))
                    .isEqualTo("gateway v1");
        }
    }

    @Test
    void shouldBeTrainedOnlyAfterASuccessfulTrainingRun() throws IOException {
        AotCache failed = cache("-Xmx128m");
        failed.classPath();
        write(failed.dir().resolve("app.aot.training"), "partial");
        assertThat(failed.keepTrainingOutput(1)).isFalse();
        assertThat(cache("-Xmx128m").isTrained()).isFalse();

        AotCache trained = cache("-Xmx128m");
        trained.classPath();
        write(trained.dir().resolve("app.aot.training"), "cache");
        assertThat(trained.keepTrainingOutput(0)).isTrue();

        assertThat(cache("-Xmx128m").isTrained()).isTrue();
        assertThat(cache("-Xmx128m").runOptions()).containsExactly("-XX:AOTCache=" + trained.dir().resolve(AotCache.CACHE_FILE));
    }

    @Test
    void shouldDropTheCacheAndItsCopyWhenTheClassesChange() throws IOException {
        AotCache trained = cache("-Xmx128m");
        trained.classPath();
        write(trained.dir().resolve("app.aot.training"), "cache");
        trained.keepTrainingOutput(0);

        write(classes.resolve("dev/voiceotp/gateway/Gateway.class"), "gateway v2");
        AotCache changed = cache("-Xmx128m");

        assertThat(changed.isTrained()).isFalse();
        String classPath = changed.classPath();
        assertThat(changed.dir().resolve(AotCache.CACHE_FILE)).doesNotExist();
        try (ZipFile app = new ZipFile(classPath.split(File.pathSeparator)[0])) {
            assertThat(new String(app.getInputStream(app.getEntry("dev/voiceotp/gateway/Gateway.class")).readAllBytes()))
                    .isEqualTo("gateway v2");
        }
    }

    private AotCache cache(String javaOptions) {
        return new AotCache(temp.resolve("aot/api-gateway"), classes, List.of(contractJar, releaseJar), project, javaOptions);
    }

    /** Writes like a reproducible build: every file gets the same time stamp. */
    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, REPRODUCIBLE_TIME);
    }
}
