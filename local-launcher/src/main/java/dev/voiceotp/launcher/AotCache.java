package dev.voiceotp.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;

/**
 * The JDK ahead-of-time cache (JEP 483, 514, 515) of one service module: its classes already loaded and linked,
 * and method profiles, recorded by a training run, so that later starts skip most of that work.
 *
 * <p>A cache is valid only with the class path it was trained on, and the JVM checks each jar by size and
 * modification time only. The build stamps every jar with the same reproducible time, so a rebuilt jar could
 * pass that check with other classes inside. The cache therefore lives beside its own copy of whatever the build
 * rewrites (the module's classes, packed into one jar, since the JVM caches classes from jars only; and project or
 * snapshot jars such as otp-contract's), under a fingerprint of their contents, the JDK and the JVM options.
 * Release jars in the Maven repository never change and are used where they are. When the fingerprint differs,
 * the copy and the cache are thrown away; the next start trains again.
 */
final class AotCache {

    static final String CACHE_FILE = "app.aot";
    private static final String TRAINING_OUTPUT = "app.aot.training";
    private static final String FINGERPRINT_FILE = "fingerprint";
    private static final String CLASS_PATH_FILE = "class-path";

    private final Path dir;
    private final Path classes;
    private final List<Path> dependencies;
    private final Path projectDir;
    private final String javaOptions;
    private @Nullable String fingerprint;

    /**
     * @param dir where this module's cache lives (only the launcher writes there)
     * @param classes the module's compiled classes and resources
     * @param dependencies its run-time class path as the build wrote it
     * @param projectDir the checkout: jars inside it are build output, hence copied
     */
    AotCache(Path dir, Path classes, List<Path> dependencies, Path projectDir, String javaOptions) {
        this.dir = dir;
        this.classes = classes;
        this.dependencies = List.copyOf(dependencies);
        this.projectDir = projectDir;
        this.javaOptions = javaOptions;
    }

    /** A fingerprint of everything the cache depends on: class path contents, the JDK, the JVM options. */
    String fingerprint() {
        if (fingerprint == null) {
            fingerprint = computeFingerprint();
        }
        return fingerprint;
    }

    private String computeFingerprint() {
        MessageDigest digest = sha256();
        update(digest, "jdk " + System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
        update(digest, "options " + javaOptions);
        updateWithContent(digest, classes);
        for (Path entry : dependencies) {
            if (isBuildOutput(entry)) {
                updateWithContent(digest, entry);
            } else {
                update(digest, "release " + entry + " " + size(entry) + " " + modified(entry));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True when a cache trained on today's class path exists. */
    boolean isTrained() {
        return Files.isRegularFile(dir.resolve(CACHE_FILE)) && storedFingerprint().equals(fingerprint());
    }

    /**
     * The stable class path the cache belongs to, made anew (and the old cache dropped) when the classes changed.
     * Call before {@link #trainingOptions()} or {@link #runOptions()}.
     */
    String classPath() {
        String fingerprint = fingerprint();
        Path classPathFile = dir.resolve(CLASS_PATH_FILE);
        try {
            if (storedFingerprint().equals(fingerprint) && Files.isRegularFile(classPathFile)) {
                return Files.readString(classPathFile);
            }
            deleteRecursively(dir);
            Files.createDirectories(dir.resolve("lib"));
            List<String> entries = new ArrayList<>();
            Path app = dir.resolve("app.jar");
            pack(classes, app);
            entries.add(app.toString());
            for (Path entry : dependencies) {
                if (!isBuildOutput(entry)) {
                    entries.add(entry.toString());
                    continue;
                }
                Path copy = dir.resolve("lib").resolve(entries.size() + "-" + entry.getFileName() + (Files.isDirectory(entry) ? ".jar" : ""));
                if (Files.isDirectory(entry)) {
                    pack(entry, copy);
                } else {
                    Files.copy(entry, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
                entries.add(copy.toString());
            }
            String classPath = String.join(File.pathSeparator, entries);
            Files.writeString(classPathFile, classPath);
            Files.writeString(dir.resolve(FINGERPRINT_FILE), fingerprint);
            return classPath;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the AOT cache folder " + dir, e);
        }
    }

    /** JVM options of the training run: record what a start loads, and stop once the context is refreshed. */
    List<String> trainingOptions() {
        return List.of("-XX:AOTCacheOutput=" + dir.resolve(TRAINING_OUTPUT), "-Dspring.context.exit=onRefresh");
    }

    /** Keeps the training run's cache when the run succeeded; false if there is none to keep. */
    boolean keepTrainingOutput(int exitCode) {
        Path output = dir.resolve(TRAINING_OUTPUT);
        try {
            if (exitCode != 0 || !Files.isRegularFile(output)) {
                Files.deleteIfExists(output);
                return false;
            }
            Files.move(output, dir.resolve(CACHE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JVM options of a start from the cache. */
    List<String> runOptions() {
        return List.of("-XX:AOTCache=" + dir.resolve(CACHE_FILE));
    }

    Path dir() {
        return dir;
    }

    /** Jars and folders that a build rewrites: anything inside the checkout, and snapshots. */
    private boolean isBuildOutput(Path entry) {
        return Files.isDirectory(entry) || entry.toAbsolutePath().startsWith(projectDir)
                || entry.getFileName().toString().contains("SNAPSHOT");
    }

    private String storedFingerprint() {
        try {
            Path file = dir.resolve(FINGERPRINT_FILE);
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Packs a folder into a jar, directory entries included: Spring's class path scanning looks packages up by them. */
    private static void pack(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file);
                Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted().toList()) {
                if (path.equals(folder)) {
                    continue;
                }
                String name = folder.relativize(path).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(path)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(path, zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static void updateWithContent(MessageDigest digest, Path entry) {
        if (!Files.exists(entry)) {
            update(digest, "missing " + entry);
            return;
        }
        try (Stream<Path> paths = Files.walk(entry)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                update(digest, "file " + entry.relativize(path));
                try (InputStream in = Files.newInputStream(path)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                        digest.update(buffer, 0, read);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
