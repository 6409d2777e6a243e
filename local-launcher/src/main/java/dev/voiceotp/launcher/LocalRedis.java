package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.voiceotp.testsupport.RedisClusterProcess;
import dev.voiceotp.testsupport.RedisServerProcess;

/**
 * The Redis of a local run: one redis-server, or a cluster of three primaries ({@code VOICE_OTP_REDIS=cluster}), which
 * shows the services on the deployment a cluster-only managed Redis gives them.
 */
sealed interface LocalRedis extends AutoCloseable {

    static LocalRedis start(List<Integer> ports, LocalRedisShape shape) {
        if (shape.cluster()) {
            return new Cluster(RedisClusterProcess.start(ports));
        }
        Path dataDir = shape.dataDir();
        return new Single(dataDir == null ? RedisServerProcess.start(ports.getFirst()) : RedisServerProcess.startWithAppendOnlyFile(ports.getFirst(), dataDir));
    }

    /** The services' {@code spring.data.redis} settings that point them here. */
    Map<String, Object> springConfig();

    /** What runs, for the ready banner and the stop line. */
    String description();

    /** The address of every primary, {@code redis://127.0.0.1:port}, for tests that read what the services stored. */
    List<String> nodeUrls();

    @Override
    void close();

    record Single(RedisServerProcess server) implements LocalRedis {

        @Override
        public Map<String, Object> springConfig() {
            return Map.of("url", server.url());
        }

        @Override
        public String description() {
            return "redis-server " + server.url();
        }

        @Override
        public List<String> nodeUrls() {
            return List.of(server.url());
        }

        @Override
        public void close() {
            server.close();
        }
    }

    record Cluster(RedisClusterProcess cluster) implements LocalRedis {

        @Override
        public Map<String, Object> springConfig() {
            return Map.of("cluster", Map.of("nodes", cluster.nodes()));
        }

        @Override
        public String description() {
            return "Redis Cluster " + cluster.nodes();
        }

        @Override
        public List<String> nodeUrls() {
            return cluster.ports().stream().map(port -> "redis://127.0.0.1:" + port).toList();
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
