package dev.voiceotp.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Searches every place a one-time code could leak to for codes that callers heard: service logs, every record of
 * every Kafka topic (values, keys and headers), every value in Redis, and the Prometheus scrapes. A code counts as
 * found only as a whole number (not inside a longer digit run such as a timestamp), together or read digit by
 * digit, so the check has no false alarms from unrelated numbers yet catches a code in the forms a log line, a
 * JSON body or a prompt would use.
 */
final class SecretLeakScanner {

    private final Collection<String> codes;
    private final List<String> findings = new ArrayList<>();

    SecretLeakScanner(Collection<String> codes) {
        this.codes = codes;
    }

    List<String> findings() {
        return findings;
    }

    SecretLeakScanner scanLogs(Path logDir) {
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    scan("log " + file.getFileName() + ":" + (i + 1), lines.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SecretLeakScanner scanKafka(String bootstrapServers) {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            topics = admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topics", e);
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "leak-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String where = "kafka " + record.topic() + "-" + record.partition() + "@" + record.offset();
                    scan(where, text(record.key()));
                    scan(where, text(record.value()));
                    record.headers().forEach(header -> scan(where + " header " + header.key(), text(header.value())));
                }
            }
        }
        return this;
    }

    /** Every key and value on each of the given Redis servers (one, or each primary of a cluster). */
    SecretLeakScanner scanRedis(List<String> redisUrls) {
        redisUrls.forEach(this::scanRedis);
        return this;
    }

    private void scanRedis(String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            for (String key : redis.keys("*")) {
                scan("redis key", key);
                String type = redis.type(key);
                switch (type) {
                    case "string" -> scan("redis " + key, redis.get(key));
                    case "hash" -> redis.hgetall(key).forEach((field, value) -> scan("redis " + key + " " + field, value));
                    case "zset" -> redis.zrange(key, 0, -1).forEach(member -> scan("redis " + key, member));
                    case "set" -> redis.smembers(key).forEach(member -> scan("redis " + key, member));
                    case "list" -> redis.lrange(key, 0, -1).forEach(member -> scan("redis " + key, member));
                    default -> scan("redis " + key + " (" + type + ")", "");
                }
            }
        } finally {
            client.shutdown();
        }
    }

    SecretLeakScanner scanText(String where, String text) {
        text.lines().forEach(line -> scan(where, line));
        return this;
    }

    private void scan(String where, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String code : codes) {
            if (pattern(code).matcher(text).find()) {
                findings.add(where + ": " + pattern(code).matcher(text).replaceAll("<CODE>"));
            }
        }
    }

    /**
     * The code as a whole number, its digits together or read out one by one ("5 8 2", "5, 8, 2"), the way a
     * prompt would carry it; not across other separators, so timestamps and versions never match by chance.
     */
    private static Pattern pattern(String code) {
        StringBuilder regex = new StringBuilder("(?<!\\d)");
        for (int i = 0; i < code.length(); i++) {
            regex.append(i == 0 ? "" : "[ ,]{0,2}").append(code.charAt(i));
        }
        return Pattern.compile(regex.append("(?!\\d)").toString());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
