package dev.voiceotp.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One Kafka broker and one Redis server per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Where a Docker engine answers, both run as containers (Testcontainers); elsewhere Kafka runs as an
 * in-JVM KRaft broker and Redis as a local redis-server process. Either way they are real servers on free
 * ports, and the tests are the same. Set {@code -Dvoiceotp.tests.docker=false} to force the local path.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    // the images docker-compose.yml runs, so tests and deployments meet the same servers
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String REDIS_IMAGE = "redis:8.2.2";
    private static final int PARTITIONS = 3;

    private static volatile Endpoints endpoints;

    private TestInfrastructure() {
    }

    /** Where the running servers listen. */
    public record Endpoints(String kafkaBootstrapServers, String redisHost, int redisPort) {
        public String redisUrl() {
            return "redis://" + redisHost + ":" + redisPort;
        }
    }

    public static Endpoints endpoints() {
        Endpoints current = endpoints;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = endpoints;
                if (current == null) {
                    current = useDocker() ? startContainers() : startLocal();
                    endpoints = current;
                }
            }
        }
        return current;
    }

    /** Points a Spring test context at the shared servers ({@code @DynamicPropertySource}). */
    public static void register(DynamicPropertyRegistry registry) {
        Endpoints servers = endpoints();
        registry.add("spring.kafka.bootstrap-servers", servers::kafkaBootstrapServers);
        // the services configure spring.data.redis.url, which wins over host and port
        registry.add("spring.data.redis.url", servers::redisUrl);
        registry.add("spring.data.redis.host", servers::redisHost);
        registry.add("spring.data.redis.port", servers::redisPort);
    }

    private static boolean useDocker() {
        if (!Boolean.parseBoolean(System.getProperty("voiceotp.tests.docker", "true"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Endpoints startLocal() {
        KafkaBroker kafka = KafkaBroker.start(PARTITIONS);
        RedisServerProcess redis = RedisServerProcess.startOnFreePort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.close();
            kafka.close();
        }, "test-infrastructure-stop"));
        log.info("Tests use an in-JVM Kafka broker at {} and redis-server at 127.0.0.1:{}", kafka.bootstrapServers(), redis.port());
        return new Endpoints(kafka.bootstrapServers(), "127.0.0.1", redis.port());
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static Endpoints startContainers() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(6379);
        kafka.start();
        redis.start();
        log.info("Tests use Kafka and Redis containers ({}, {})", KAFKA_IMAGE, REDIS_IMAGE);
        return new Endpoints(kafka.getBootstrapServers(), redis.getHost(), redis.getMappedPort(6379));
    }
}
