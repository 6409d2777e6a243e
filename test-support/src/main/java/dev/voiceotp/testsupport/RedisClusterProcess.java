package dev.voiceotp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A Redis Cluster of real redis-server processes on loopback, each a primary owning an equal share of the 16,384
 * slots, no replicas: Debian's {@code redis-server} when it is on the PATH, otherwise embedded-redis's binary. The
 * cluster is formed here (slots assigned, nodes introduced) and returned once every node reports it healthy.
 * Persistence is off, as for {@link RedisServerProcess}; each node keeps its cluster state in a temporary directory
 * removed on close. Each node also listens on its port + 10,000 (the cluster bus).
 */
public final class RedisClusterProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterProcess.class);
    private static final int SLOTS = 16384;
    private static final Duration FORMING_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> servers;
    private final List<Integer> ports;
    private final Path stateDir;

    private RedisClusterProcess(List<RedisServer> servers, List<Integer> ports, Path stateDir) {
        this.servers = servers;
        this.ports = ports;
        this.stateDir = stateDir;
    }

    /** Where a node's cluster bus listens: its port + 10,000, Redis's rule. */
    public static final int BUS_PORT_OFFSET = 10_000;

    /**
     * {@code nodes} consecutive ports that are free now, as {@code ./run-local}'s cluster takes them (its Redis port and
     * the next ones), with their cluster bus ports (port + 10,000) free too, below the ephemeral range
     * ({@link LoopbackPorts}).
     */
    public static List<Integer> freePorts(int nodes) {
        int[] offsets = IntStream.range(0, nodes).flatMap(node -> IntStream.of(node, node + BUS_PORT_OFFSET)).toArray();
        int first = LoopbackPorts.freeBase(offsets);
        return IntStream.range(first, first + nodes).boxed().toList();
    }

    /** Starts one primary per port and forms the cluster. */
    public static RedisClusterProcess start(List<Integer> ports) {
        Path stateDir = temporaryDirectory();
        List<RedisServer> servers = new ArrayList<>();
        RedisClusterProcess cluster = new RedisClusterProcess(servers, List.copyOf(ports), stateDir);
        try {
            for (int port : ports) {
                servers.add(startNode(port, stateDir));
            }
            cluster.form();
            log.info("Redis Cluster of {} primaries on 127.0.0.1:{}", ports.size(), ports);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The nodes as {@code spring.data.redis.cluster.nodes} takes them: {@code 127.0.0.1:port,...}. */
    public String nodes() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public List<Integer> ports() {
        return ports;
    }

    /** The seed URIs a Lettuce {@code RedisClusterClient} takes. */
    public List<RedisURI> uris() {
        return ports.stream().map(port -> RedisURI.create("127.0.0.1", port)).toList();
    }

    @Override
    public void close() {
        for (RedisServer server : servers) {
            try {
                server.stop();
            } catch (IOException e) {
                log.warn("could not stop a redis-server of the cluster: {}", e.getMessage());
            }
        }
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", stateDir, e.getMessage());
        }
    }

    private static RedisServer startNode(int port, Path stateDir) {
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no")
                    .setting("cluster-enabled yes")
                    .setting("cluster-config-file " + stateDir.resolve("nodes-" + port + ".conf"))
                    .setting("cluster-node-timeout 5000")
                    .setting("dir " + stateDir);
            RedisServerProcess.systemRedisServer().ifPresent(binary -> builder.executableProvider(() -> binary.toFile()));
            RedisServer server = builder.build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a cluster redis-server on port " + port, e);
        }
    }

    /** Gives each node its share of the slots, introduces the others to the first, and waits until all agree. */
    private void form() {
        RedisClient client = RedisClient.create();
        try {
            List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
            for (int port : ports) {
                connections.add(client.connect(RedisURI.create("127.0.0.1", port)));
            }
            // shares in reverse order: the first node, where clients start, owns the highest slots, and the slot of
            // voice-otp's {otp} hash tag (3408) lives on the last node, so a client must follow the cluster's topology
            int share = SLOTS / ports.size();
            for (int i = 0; i < ports.size(); i++) {
                int from = (ports.size() - 1 - i) * share;
                int to = i == 0 ? SLOTS : from + share;
                connections.get(i).sync().clusterAddSlots(IntStream.range(from, to).toArray());
            }
            RedisCommands<String, String> first = connections.getFirst().sync();
            for (int port : ports.subList(1, ports.size())) {
                first.clusterMeet("127.0.0.1", port);
            }
            long deadline = System.nanoTime() + FORMING_TIMEOUT.toNanos();
            while (!connections.stream().allMatch(connection -> healthy(connection.sync()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Redis Cluster on " + ports + " did not form within " + FORMING_TIMEOUT);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forming the Redis Cluster", e);
        } finally {
            client.shutdown();
        }
    }

    private boolean healthy(RedisCommands<String, String> node) {
        String info = node.clusterInfo();
        return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + ports.size());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("voice-otp-redis-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
