import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints, once a second, how many records of a topic its consumer groups have not yet processed, so that the
 * benchmark can tell when the workers have worked off a backlog: one line "LAG epoch-millis lag end-offsets" per
 * second, lag = end offsets minus committed offsets summed over the topic's partitions (over all groups that
 * commit offsets for it; a partition without a committed offset counts from its start).
 * Run with the launcher's class path: {@code java -cp <kafka-clients...> bench/KafkaLag.java <bootstrap> <topic>}.
 */
public class KafkaLag {

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        String topic = args[1];
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                long started = System.currentTimeMillis();
                try {
                    System.out.println("LAG " + started + " " + lag(admin, topic));
                } catch (Exception e) {
                    System.out.println("LAG " + started + " ? ? " + e.getClass().getSimpleName());
                }
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - started)));
            }
        }
    }

    private static String lag(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.forEach(partition -> {
            latest.put(partition, OffsetSpec.latest());
            earliest.put(partition, OffsetSpec.earliest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get();
        long endTotal = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        long lag = 0;
        boolean anyGroup = false;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            if (committed.keySet().stream().noneMatch(partition -> partition.topic().equals(topic))) {
                continue;
            }
            anyGroup = true;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long from = offset != null ? offset.offset() : starts.get(partition).offset();
                lag += Math.max(0, ends.get(partition).offset() - from);
            }
        }
        if (!anyGroup) {
            lag = endTotal - starts.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
        return lag + " " + endTotal;
    }
}
