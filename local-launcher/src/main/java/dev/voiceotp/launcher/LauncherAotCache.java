package dev.voiceotp.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first step of {@code ./run-local}: the class path and JVM options that start the launcher itself from its
 * {@link AotCache} (the in-process Kafka broker, Scala and all, is most of its start-up), training the cache first
 * when the launcher's classes changed. Prints two lines, the class path and the extra JVM options, for
 * {@code run-local} to use; if anything goes wrong it prints the build's class path and no options, so the
 * launcher still starts.
 *
 * <p>Usage: {@code LauncherAotCache <local-launcher module folder> <cache folder> <training log> -- <the
 * launcher's JVM options>}.
 */
public final class LauncherAotCache {

    private static final long TRAINING_MINUTES = 10;

    private LauncherAotCache() {
    }

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args[0]).toAbsolutePath();
        Path cacheDir = Path.of(args[1]).toAbsolutePath();
        Path trainingLog = Path.of(args[2]).toAbsolutePath();
        List<String> launcherOptions = List.copyOf(Arrays.asList(args).subList(4, args.length));
        PrintStream out = System.out;
        List<Path> entries = ServiceProcess.buildClassPathEntries(module);
        String buildClassPath = ServiceProcess.buildClassPath(module);
        try {
            AotCache cache = new AotCache(cacheDir, entries.getFirst(), entries.subList(1, entries.size()), module.getParent(),
                    "launcher " + String.join(" ", launcherOptions));
            String classPath = cache.classPath();
            if (cache.isTrained() || train(cache, classPath, launcherOptions, trainingLog)) {
                out.println(classPath);
                out.println(String.join(" ", cache.runOptions()));
                return;
            }
        } catch (RuntimeException e) {
            System.err.println("The launcher's AOT cache is not used: " + e.getMessage());
        }
        out.println(buildClassPath);
        out.println();
    }

    /** Runs the launcher's training mode (start Kafka, stop) with the cache recording on. */
    private static boolean train(AotCache cache, String classPath, List<String> launcherOptions, Path trainingLog) throws IOException {
        System.err.println("Training the launcher's AOT cache (first start after a change; later starts reuse it)");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(launcherOptions);
        command.addAll(cache.trainingOptions());
        command.addAll(List.of("-cp", classPath, LocalLauncher.class.getName(), LocalLauncher.AOT_TRAINING));
        Files.createDirectories(trainingLog.getParent());
        Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(trainingLog.toFile()).start();
        try {
            if (!training.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
                training.descendants().forEach(ProcessHandle::destroyForcibly);
                training.destroyForcibly();
                return cache.keepTrainingOutput(-1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            training.destroyForcibly();
            return false;
        }
        boolean trained = cache.keepTrainingOutput(training.exitValue());
        if (!trained) {
            System.err.println("The launcher's AOT cache was not created (see " + trainingLog + "); it starts without one");
        }
        return trained;
    }
}
