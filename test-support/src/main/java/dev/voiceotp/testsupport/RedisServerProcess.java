package dev.voiceotp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server process on a given port: Debian's {@code redis-server} when it is on the PATH,
 * otherwise the binary bundled in embedded-redis (6.2.x). Persistence is off (these servers hold test or local-demo
 * data only) unless started with an append-only file for a fault run.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);

    private final RedisServer server;
    private final int port;

    private RedisServerProcess(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static RedisServerProcess start(int port) {
        return start(port, RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no"));
    }

    /**
     * A redis-server that logs every write to an append-only file in {@code dataDir}, written to disk every second (the
     * production setting), so that a redis-server started again on that directory after a crash finds the data.
     */
    public static RedisServerProcess startWithAppendOnlyFile(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dataDir, e);
        }
        return start(port, RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly yes").setting("appendfsync everysec").setting("dir " + dataDir.toAbsolutePath()));
    }

    private static RedisServerProcess start(int port, RedisServerBuilder builder) {
        try {
            systemRedisServer().ifPresent(binary -> builder.executableProvider(() -> binary.toFile()));
            RedisServer server = builder.build();
            server.start();
            log.info("redis-server listening on 127.0.0.1:{}", port);
            return new RedisServerProcess(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server on port " + port, e);
        }
    }

    public static RedisServerProcess startOnFreePort() {
        return start(freePort());
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("could not stop redis-server on port {}: {}", port, e.getMessage());
        }
    }

    static java.util.Optional<Path> systemRedisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
