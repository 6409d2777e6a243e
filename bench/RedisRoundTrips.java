import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * What one Redis round trip costs the client's JVM, redis-server and the machine, with Lettuce (the services' client:
 * a shared connection, the reply decoded on Netty's thread) or Jedis (a blocking socket per thread, from a pool), on
 * platform or virtual threads, at a paced rate or at full speed. Each of {@code threads} threads wakes
 * {@code callsPerSecond / threads} times a second (0: never sleeps) and sends {@code perCall} EVALSHA of a small
 * script back to back, as the worker does for a call. After a warm-up as long as the measured window, prints per round
 * trip the CPU of this JVM, of redis-server and of the whole machine, and this JVM's context switches.
 *
 * <pre>
 * ./mvnw -q dependency:get -Dartifact=redis.clients:jedis:7.0.0
 * ./mvnw -q -pl otp-worker dependency:build-classpath -Dmdep.outputFile=/tmp/worker.cp
 * M=$HOME/.m2/repository
 * CP=$(cat /tmp/worker.cp):$M/redis/clients/jedis/7.0.0/jedis-7.0.0.jar:$M/org/apache/commons/commons-pool2/2.12.1/commons-pool2-2.12.1.jar
 * CP=$CP:$M/com/google/code/gson/gson/2.13.2/gson-2.13.2.jar:$M/org/json/json/20250517/json-20250517.jar
 * redis-server --port 6391 --save "" --daemonize yes
 * java -Xmx128m -XX:+UseSerialGC -cp "$CP" bench/RedisRoundTrips.java 6391 lettuce vt 6 200 8 15 $(pgrep -f "redis-server.*6391")
 * </pre>
 *
 * Arguments: port, {@code lettuce} or {@code jedis}, {@code vt} or {@code pt}, threads, calls per second, round trips
 * per call, seconds, redis-server's pid.
 */
public class RedisRoundTrips {

    private static final String SCRIPT = "redis.call('HSET', KEYS[1], 'a', ARGV[1]); "
            + "redis.call('PEXPIRE', KEYS[1], 60000); return redis.call('HGET', KEYS[1], 'a')";

    interface RoundTrip {
        Object send(String key);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String client = args[1];
        boolean virtual = args[2].equals("vt");
        int threads = Integer.parseInt(args[3]);
        int callsPerSecond = Integer.parseInt(args[4]);
        int perCall = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        int redisPid = Integer.parseInt(args[7]);

        String sha;
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            sha = jedis.scriptLoad(SCRIPT);
        }
        List<AutoCloseable> resources = new ArrayList<>();
        RoundTrip roundTrip;
        if (client.equals("lettuce")) {
            RedisClient redis = RedisClient.create(RedisURI.create("127.0.0.1", port));
            StatefulRedisConnection<String, String> connection = redis.connect();
            RedisCommands<String, String> commands = connection.sync();
            roundTrip = key -> commands.evalsha(sha, ScriptOutputType.VALUE, new String[] {key}, "v");
            resources.add(connection);
            resources.add(redis::shutdown);
        } else {
            JedisPoolConfig config = new JedisPoolConfig();
            config.setMaxTotal(threads);
            config.setMaxIdle(threads);
            JedisPool pool = new JedisPool(config, "127.0.0.1", port);
            roundTrip = key -> {
                try (Jedis jedis = pool.getResource()) {
                    return jedis.evalsha(sha, List.of(key), List.of("v"));
                }
            };
            resources.add(pool);
        }

        ThreadFactory factory = virtual ? Thread.ofVirtual().factory() : Thread.ofPlatform().daemon().factory();
        long periodNanos = callsPerSecond > 0 ? (long) (1e9 * threads / callsPerSecond) : 0;
        AtomicLong counted = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            factory.newThread(() -> {
                long next = System.nanoTime() + id * periodNanos / threads;
                int n = 0;
                while (!stop.get()) {
                    if (periodNanos > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        next += periodNanos;
                    }
                    for (int i = 0; i < perCall; i++) {
                        roundTrip.send("k" + id + ":" + (n++ % 1000));
                    }
                    if (measuring.get()) {
                        counted.addAndGet(perCall);
                    }
                }
                stopped.countDown();
            }).start();
        }

        Thread.sleep(seconds * 1000L);
        Usage before = Usage.now(redisPid);
        long start = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        Usage after = Usage.now(redisPid);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long n = counted.get();
        stop.set(true);
        stopped.await(5, TimeUnit.SECONDS);

        System.out.printf("%-7s %s threads=%d calls/s=%d x%d: %.0f round trips/s; per round trip: JVM %.1f us, "
                + "redis-server %.1f us, machine %.1f us, JVM context switches %.2f voluntary + %.2f involuntary%n",
                client, virtual ? "vt" : "pt", threads, callsPerSecond, perCall, n / elapsed,
                micros(after.jvmTicks - before.jvmTicks, n), micros(after.redisTicks - before.redisTicks, n),
                micros(after.machineTicks - before.machineTicks, n),
                (after.voluntary - before.voluntary) / (double) n, (after.involuntary - before.involuntary) / (double) n);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        System.exit(0);
    }

    /** Clock ticks are 10 ms on Linux. */
    private static double micros(long ticks, long roundTrips) {
        return ticks * 10_000.0 / roundTrips;
    }

    record Usage(long jvmTicks, long redisTicks, long machineTicks, long voluntary, long involuntary) {

        static Usage now(int redisPid) throws Exception {
            long voluntary = 0;
            long involuntary = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path task : tasks) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches")) {
                                voluntary += Long.parseLong(line.split("\\s+")[1]);
                            } else if (line.startsWith("nonvoluntary_ctxt_switches")) {
                                involuntary += Long.parseLong(line.split("\\s+")[1]);
                            }
                        }
                    } catch (java.io.IOException gone) {
                        // a thread that ended meanwhile
                    }
                }
            }
            // user, nice, system, irq, softirq, steal: busy time without idle and iowait
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long machine = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                machine += Long.parseLong(cpu[field]);
            }
            return new Usage(processTicks("self"), processTicks(Integer.toString(redisPid)), machine, voluntary,
                    involuntary);
        }

        private static long processTicks(String pid) throws Exception {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }
}
