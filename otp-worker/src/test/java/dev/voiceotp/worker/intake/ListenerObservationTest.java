package dev.voiceotp.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.testsupport.TestInfrastructure;
import dev.voiceotp.worker.WorkerIntegrationTest;
import dev.voiceotp.worker.WorkerTestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request listener's observation: a record of a sampled trace is observed by Spring (a span of its own, under the
 * record's trace), every other one only timed, into the same timer, its log lines under the record's trace id.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerObservationTest extends WorkerIntegrationTest {

    private static final HexFormat HEX = HexFormat.of();

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldTimeEveryRecordButObserveOnlyASampledOne(CapturedOutput output) {
        double before = handled();
        String unsampledTrace = hex(16);
        String unsampledParent = hex(8);
        String sampledTrace = hex(16);
        String sampledParent = hex(8);

        publish(newRequest(), "00-" + unsampledTrace + "-" + unsampledParent + "-00");
        publish(newRequest(), "00-" + sampledTrace + "-" + sampledParent + "-01");

        await().atMost(seconds(30)).untilAsserted(() -> assertThat(output.getOut())
                .as("log lines carry [trace id-span id]: the record's ids, or the listener span's under the record's trace")
                .contains("[" + unsampledTrace + "-" + unsampledParent + "]")
                .containsPattern("\\[" + sampledTrace + "-(?!" + sampledParent + ")[0-9a-f]{16}]"));
        await().atMost(seconds(10)).untilAsserted(() -> assertThat(handled()).as("both timed, in one series: %s",
                meters.find(LeanListenerObservation.NAME).timers().stream().map(Timer::getId).toList()).isGreaterThanOrEqualTo(before + 2));
        assertThat(meters.find(LeanListenerObservation.NAME).tag("spring.kafka.listener.id", "otp-requests-0").timer())
                .as("no series per child container").isNull();
    }

    private double handled() {
        Timer timer = meters.find(LeanListenerObservation.NAME).tags("spring.kafka.listener.id", "otp-requests", "error", "none",
                "messaging.source.name", Topics.OTP_REQUESTS, "messaging.kafka.consumer.group", "otp-worker").timer();
        return timer == null ? 0 : timer.count();
    }

    /** Publishes a request as the gateway does, signed, with W3C trace context. */
    private static void publish(OtpRequest request, String traceparent) {
        String value = JsonMapper.builder().build().writeValueAsString(request);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.OTP_REQUESTS, request.phoneNumber(), value);
        record.headers().add(RecordSignature.HEADER,
                RecordSignature.withSecret(WorkerTestConfig.RECORD_SECRET).sign(value.getBytes(StandardCharsets.UTF_8)));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> config = Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(), "acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HEX.formatHex(random);
    }
}
