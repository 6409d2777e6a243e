package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each service module's JVMs start: with the project's {@link CompilerDirectives} and the JVM options of the
 * run, from the class path the build left, or, with the AOT cache on, from the module's {@link AotCache}. A module
 * whose cache is missing or stale is trained once, before its first instance starts (every instance of a module,
 * such as several workers, shares one cache); a training run that fails only costs the cache, never the start.
 */
final class ServiceLaunches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceLaunches.class);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(10);

    /** The class path and JVM options of one module's JVMs. */
    record Launch(String classPath, List<String> jvmOptions, boolean fromAotCache) {
    }

    private final Path projectDir;
    private final Path aotDir;
    private final Path logDir;
    private final List<String> directives;
    private final List<String> runOptions;
    private final boolean aotCache;
    private final Map<String, CompletableFuture<Launch>> launches = new ConcurrentHashMap<>();
    private final Set<ServiceProcess> trainings = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ServiceLaunches(Path projectDir, Path aotDir, Path logDir, String javaOptions, boolean aotCache) {
        this.projectDir = projectDir;
        this.aotDir = aotDir;
        this.logDir = logDir;
        this.directives = CompilerDirectives.jvmOptions(projectDir);
        this.runOptions = Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        this.aotCache = aotCache;
    }

    /**
     * The launch of {@code module}, trained first if its AOT cache needs it; the training run gets the settings
     * and port of the first instance asked for (it stops before the web server opens the port).
     */
    Launch of(String module, String mainClass, int port, String applicationJson) {
        CompletableFuture<Launch> mine = new CompletableFuture<>();
        CompletableFuture<Launch> earlier = launches.putIfAbsent(module, mine);
        if (earlier != null) {
            return earlier.join();
        }
        try {
            mine.complete(prepare(module, mainClass, port, applicationJson));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        }
        return mine.join();
    }

    /**
     * The JVM options of {@code module}'s JVMs: the directives, then the module's own options, then the run's
     * (VOICE_OTP_JAVA_OPTS), so that the run's may still override the others.
     */
    List<String> javaOptions(String module) {
        return Stream.of(directives, ModuleJvmOptions.of(module), runOptions).flatMap(List::stream).toList();
    }

    private Launch prepare(String module, String mainClass, int port, String applicationJson) {
        Path moduleDir = projectDir.resolve(module);
        List<String> javaOptions = javaOptions(module);
        if (!aotCache) {
            return new Launch(ServiceProcess.buildClassPath(moduleDir), javaOptions, false);
        }
        List<Path> entries = ServiceProcess.buildClassPathEntries(moduleDir);
        AotCache cache = new AotCache(aotDir.resolve(module), entries.getFirst(), entries.subList(1, entries.size()), projectDir,
                String.join(" ", javaOptions));
        String classPath = cache.classPath();
        // a second try: a training run fails when its context does not refresh, which a machine busy enough to
        // make a connection to Redis time out can cause once
        if (!cache.isTrained() && !train(module, mainClass, port, applicationJson, javaOptions, cache, classPath)
                && !train(module, mainClass, port, applicationJson, javaOptions, cache, classPath)) {
            return new Launch(classPath, javaOptions, false);
        }
        return new Launch(classPath, with(javaOptions, cache.runOptions()), true);
    }

    private boolean train(String module, String mainClass, int port, String applicationJson, List<String> javaOptions, AotCache cache,
            String classPath) {
        log.info("Training the AOT cache of {} (first start after a change; later starts reuse it)", module);
        long start = System.nanoTime();
        Path trainingLog = logDir.resolve(module + "-aot-training.log");
        if (closed) {
            return false;
        }
        ServiceProcess training = ServiceProcess.start(module + " (AOT training)", mainClass, port,
                ServiceProcess.managementPortOf(module, port), applicationJson,
                with(javaOptions, cache.trainingOptions()), classPath, trainingLog);
        trainings.add(training);
        if (closed) {
            training.close(); // close() may have gone through the trainings before this one was added
        }
        OptionalInt exit = training.awaitExit(TRAINING_TIMEOUT);
        trainings.remove(training);
        boolean trained = cache.keepTrainingOutput(exit.orElse(-1));
        if (trained) {
            log.info("AOT cache of {} ready after {} s in {}", module, seconds(System.nanoTime() - start), cache.dir());
        } else {
            log.warn("AOT cache of {} not created (exit {}); it starts without one. See {}", module,
                    exit.isPresent() ? exit.getAsInt() : "timeout", trainingLog);
        }
        return trained;
    }

    /** Stops training runs in progress (the launcher is stopping). */
    @Override
    public void close() {
        closed = true;
        trainings.forEach(ServiceProcess::close);
    }

    private static List<String> with(List<String> javaOptions, List<String> extra) {
        List<String> options = new ArrayList<>(javaOptions);
        options.addAll(extra);
        return options;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
