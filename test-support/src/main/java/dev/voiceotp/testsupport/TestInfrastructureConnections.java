package dev.voiceotp.testsupport;

import java.util.List;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points a Spring Boot test context at {@link TestInfrastructure}'s servers as {@code @ServiceConnection} does: with
 * Boot's connection-details beans, which take the place of {@code spring.kafka.bootstrap-servers} and
 * {@code spring.data.redis.*} (the services' {@code application.yml} sets a Redis URL) for every client Boot builds.
 * The servers are the test JVM's, shared by every context: containers where a Docker engine answers, an in-JVM
 * broker and a redis-server process where none does. Declared here rather than as {@code @ServiceConnection}
 * container beans, whose containers would live and die with one context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructureConnections {

    @Bean
    KafkaConnectionDetails testInfrastructureKafka() {
        return () -> List.of(TestInfrastructure.endpoints().kafkaBootstrapServers());
    }

    @Bean
    DataRedisConnectionDetails testInfrastructureRedis() {
        TestInfrastructure.Endpoints servers = TestInfrastructure.endpoints();
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of(servers.redisHost(), servers.redisPort());
            }
        };
    }
}
