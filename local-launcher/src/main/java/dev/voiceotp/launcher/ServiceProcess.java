package dev.voiceotp.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One service in its own JVM, started from this JVM's class path with its settings in
 * {@code SPRING_APPLICATION_JSON}, its output in a log file, and its readiness read from the actuator.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** A service's management port (actuator, Prometheus, Swagger) is its port plus this, as in the compose file. */
    static final int MANAGEMENT_PORT_OFFSET = 1000;

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;
    private final Instant started = Instant.now();
    private volatile @Nullable Duration readyAfter;
    private volatile @Nullable Duration cpuWhenReady;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /**
     * Where a module's actuator listens: on a port of its own for the three services, on its only port for the
     * sandbox (a development tool, not part of a deployment).
     */
    static int managementPortOf(String module, int port) {
        return "plivo-sandbox".equals(module) ? port : port + MANAGEMENT_PORT_OFFSET;
    }

    /**
     * Starts {@code mainClass} in a JVM of its own with the given options and class path, its settings in
     * {@code SPRING_APPLICATION_JSON} and its output in {@code log}.
     */
    static ServiceProcess start(String name, String mainClass, int port, int managementPort, String applicationJson,
            List<String> jvmOptions, String classPath, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, mainClass, "--server.port=" + port));
        if (managementPort != port) {
            command.add("--management.server.port=" + managementPort);
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SPRING_APPLICATION_JSON", applicationJson);
            // glibc gives each thread that allocates its own malloc arena (up to 8 per core, 64 MB reserved each);
            // two are plenty for a JVM that allocates natively only at start-up and in the compilers
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            return new ServiceProcess(name, port, managementPort, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The module's own class path as the build left it: its compiled classes and its run-time dependencies. */
    static String buildClassPath(Path module) {
        return String.join(File.pathSeparator, buildClassPathEntries(module).stream().map(Path::toString).toList());
    }

    /**
     * The entries of {@link #buildClassPath}: {@code target/classes} first, then what the build wrote to
     * {@code target/runtime-classpath.txt}.
     */
    static List<Path> buildClassPathEntries(Path module) {
        Path classes = module.resolve("target/classes");
        Path dependencies = module.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
            throw new IllegalStateException(module.getFileName() + " is not built: run ./mvnw install -DskipTests first");
        }
        try {
            List<Path> entries = new ArrayList<>(List.of(classes));
            for (String entry : Files.readString(dependencies).trim().split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the actuator says UP; fails early if the process dies, pointing at its log.
     *
     * @return the time from the start of the process to ready
     */
    Duration awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new ExitedException(name + " exited with code " + process.exitValue() + " during start-up; see " + log);
            }
            try {
                if (!listening()) {
                    pause();
                    continue;
                }
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    cpuWhenReady = process.info().totalCpuDuration().orElse(null);
                    readyAfter = Duration.between(started, Instant.now());
                    return readyAfter;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause();
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /**
     * Whether the port accepts connections yet: a plain connect is far cheaper than an HTTP request that fails,
     * and the launcher asks ten times a second while the machine is busiest.
     */
    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The port of its actuator (health, Prometheus; Swagger on the gateway). */
    int managementPort() {
        return managementPort;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The time from the start of the process to ready, once it is ready. */
    Optional<Duration> readyAfter() {
        return Optional.ofNullable(readyAfter);
    }

    /**
     * The processor time the process had used when it became ready: unlike the time to ready, it hardly depends
     * on what else the machine is doing, so it shows what start-up costs.
     */
    Optional<Duration> cpuWhenReady() {
        return Optional.ofNullable(cpuWhenReady);
    }

    /** Waits for the process to end by itself (a training run); its exit code, or empty after the timeout. */
    OptionalInt awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.of(process.exitValue());
            }
            close();
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** Resident memory in bytes, from /proc (Linux), if readable. */
    OptionalLong residentMemoryBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Asks for a graceful shutdown (SIGTERM: in-flight work finishes), then insists. Children go too: an AOT
     * training run assembles its cache in a child JVM.
     */
    @Override
    public void close() {
        requestStop();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for a graceful shutdown (SIGTERM) without waiting for it: {@link #close()} waits. */
    void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Stops the process at once (SIGKILL), as a crash would: for failure tests. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process ended before it was ready. */
    static final class ExitedException extends IllegalStateException {

        ExitedException(String message) {
            super(message);
        }
    }

    static Map<String, Object> json(Object... keysAndValues) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
