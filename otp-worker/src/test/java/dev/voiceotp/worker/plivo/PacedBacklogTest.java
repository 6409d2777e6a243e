package dev.voiceotp.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.TestInfrastructure;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A request that waits for the account's calls-per-second is left where it is: while no call slot is free the
 * worker claims nothing, writes nothing to Redis, schedules nothing and does not commit the record, which Kafka
 * delivers again later; once a slot is free it is called exactly once. The test takes the account's slots away by
 * slowing the shared bucket in Redis to one call an hour.
 */
class PacedBacklogTest extends WorkerIntegrationTest {

    @Autowired
    private BucketProxy plivoCallBucket;

    @Autowired
    private WorkerProperties properties;

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void restorePacing() {
        plivoCallBucket.replaceConfiguration(configuration(properties.pacing().spacing()), TokensInheritanceStrategy.RESET);
    }

    @Test
    void shouldLeaveAWaitingRequestInKafkaUntouchedAndCallItOnceASlotIsFree() throws Exception {
        plivoCallBucket.replaceConfiguration(configuration(Duration.ofHours(1)), TokensInheritanceStrategy.RESET);
        plivoCallBucket.tryConsumeAsMuchAsPossible();
        double handedBackBefore = handedBack();
        OtpRequest request = newRequest();
        publish(request);

        // the pacing's max wait (5 s in the tests) passes at least once: the request is handed back to Kafka
        await().atMost(seconds(20)).until(() -> handedBack() > handedBackBefore);
        assertThat(redis.hasKey(RedisKeys.verification(request.verificationId()))).as("verification hash of a waiting request").isFalse();
        assertThat(redis.opsForZSet().score(WorkerRedisState.CALL_SCHEDULE, request.verificationId())).as("call schedule entry").isNull();
        assertThat(sandbox.callsTo(request.phoneNumber())).isEmpty();
        assertThat(committedOffset(partitionOf(request))).as("committed offset").isLessThanOrEqualTo(lastOffset(partitionOf(request)));

        restorePacing();

        await().atMost(seconds(20)).until(() -> sandbox.heardCode(request.phoneNumber()) != null);
        await().during(Duration.ofSeconds(1)).atMost(seconds(5)).until(() -> sandbox.callsTo(request.phoneNumber()).size() == 1);
        assertThat(verification(request.verificationId())).containsEntry("callAttempts", "1");
    }

    private double handedBack() {
        return meters.counter("otp.pacing.handed.back").count();
    }

    private static BucketConfiguration configuration(Duration spacing) {
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).build()).build();
    }

    private static TopicPartition partitionOf(OtpRequest request) throws Exception {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(Topics.OTP_REQUESTS)).allTopicNames().get().get(Topics.OTP_REQUESTS).partitions().size();
            // Kafka's default partitioner: murmur2 of the key bytes
            byte[] key = request.phoneNumber().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new TopicPartition(Topics.OTP_REQUESTS, org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(key)) % partitions);
        }
    }

    /** Offset of the newest record on the partition: the request just published. */
    private static long lastOffset(TopicPartition partition) throws Exception {
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().get(partition).offset() - 1;
        }
    }

    private static long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("otp-worker").partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? 0 : committed.offset();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers()));
    }
}
