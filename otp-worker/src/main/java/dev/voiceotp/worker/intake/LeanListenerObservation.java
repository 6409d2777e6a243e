package dev.voiceotp.worker.intake;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.ListenerLowCardinalityTags;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.web.ServerRequestTimers;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * The listener's observation of a record at the cost of a timer, for records that belong to no sampled trace. Spring
 * Kafka's observation of every record (the trace context extracted from its headers, a span even when it is not
 * sampled, its scope, the timer looked up by its tags) took about 6 % of a worker's CPU working off a backlog. Spring
 * observes only a record whose W3C {@code traceparent} header has the sampled flag, so a sampled request's trace still
 * continues through Kafka into the worker; every other record is timed here ({@link #customize}: a record interceptor on
 * the container) into the same {@code spring.kafka.listener} timers, with the same tags, and its log lines carry the
 * record's trace id (with the sending span's id), as they did under Spring's unsampled span. Both name the listener by its
 * container's id ({@code otp-requests}), not by the id of the consumer thread's child container.
 */
@Component
class LeanListenerObservation implements ObservationPredicate {

    static final String NAME = "spring.kafka.listener";
    private static final String TRACEPARENT = "traceparent";
    /** The keys of Boot's log correlation pattern, which Micrometer Tracing fills for a span in scope. */
    private static final String TRACE_ID = "traceId";
    private static final String SPAN_ID = "spanId";

    private final MeterRegistry registry;

    LeanListenerObservation(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Whether Spring observes a record: only a sampled one. Every other observation is left as it is. */
    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof KafkaRecordReceiverContext received && !sampled(received.getRecord()));
    }

    /** Names the container's listener by its own id in Spring's observations and times the records Spring does not observe. */
    void customize(ConcurrentMessageListenerContainer<?, ?> container) {
        String listenerId = container.getListenerId();
        container.getContainerProperties().setObservationConvention(new ContainerIdConvention(listenerId));
        @SuppressWarnings({"unchecked", "rawtypes"})
        RecordInterceptor<Object, Object> timing = (RecordInterceptor) new UnsampledRecordTimer(registry, String.valueOf(listenerId));
        ((ConcurrentMessageListenerContainer<Object, Object>) container).setRecordInterceptor(timing);
    }

    private static boolean sampled(ConsumerRecord<?, ?> record) {
        return ServerRequestTimers.sampled(traceparent(record));
    }

    private static @Nullable String traceparent(ConsumerRecord<?, ?> record) {
        Header traceparent = record.headers().lastHeader(TRACEPARENT);
        return traceparent == null ? null : new String(traceparent.value(), StandardCharsets.US_ASCII);
    }

    /** Spring's convention, with the listener named by the container's id. */
    private static final class ContainerIdConvention extends DefaultKafkaListenerObservationConvention {

        private final @Nullable String listenerId;

        ContainerIdConvention(@Nullable String listenerId) {
            this.listenerId = listenerId;
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(KafkaRecordReceiverContext context) {
            return super.getLowCardinalityKeyValues(context).and(ListenerLowCardinalityTags.LISTENER_ID.withValue(String.valueOf(listenerId)));
        }
    }

    /**
     * Times, on the consumer's thread, each record that Spring does not observe, from before the listener to after
     * it, with the tags Spring's convention and meter handler give the others ({@code error}: the simple name of what
     * the listener threw, or {@code none}).
     */
    private static final class UnsampledRecordTimer implements RecordInterceptor<Object, Object> {

        private final MeterRegistry registry;
        private final String listenerId;
        /** By topic, consumer group and error: the tags that vary. */
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();
        /** The record in hand on each consumer thread: the interceptor's calls for one record come on its thread. */
        private final ThreadLocal<InHand> inHand = ThreadLocal.withInitial(InHand::new);

        UnsampledRecordTimer(MeterRegistry registry, String listenerId) {
            this.registry = registry;
            this.listenerId = listenerId;
        }

        /** Whether the record is timed here (not sampled), since when, and what the listener threw. */
        private static final class InHand {
            private boolean timed;
            private long started;
            private @Nullable String error;
        }

        @Override
        public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
            InHand current = inHand.get();
            String traceparent = traceparent(record);
            current.timed = !ServerRequestTimers.sampled(traceparent);
            current.started = System.nanoTime();
            current.error = null;
            if (!current.timed) {
                return record; // its ids are in the log context already, from Spring's span
            }
            // 00-<trace id>-<parent id>-<flags>
            if (traceparent != null && traceparent.length() == 55) {
                MDC.put(TRACE_ID, traceparent.substring(3, 35));
                MDC.put(SPAN_ID, traceparent.substring(36, 52));
            } else {
                clearLogContext();
            }
            return record;
        }

        @Override
        public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
            inHand.get().error = exception.getClass().getSimpleName();
        }

        @Override
        public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
            InHand current = inHand.get();
            if (!current.timed) {
                return;
            }
            current.timed = false;
            clearLogContext();
            long elapsed = System.nanoTime() - current.started;
            String group = KafkaUtils.getConsumerGroupId();
            String groupId = group != null ? group : consumer.groupMetadata().groupId();
            String outcome = current.error == null ? "none" : current.error;
            timers.computeIfAbsent(record.topic() + '\n' + groupId + '\n' + outcome, key -> timer(record.topic(), groupId, outcome))
                    .record(elapsed, TimeUnit.NANOSECONDS);
        }

        private static void clearLogContext() {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }

        private Timer timer(String topic, String groupId, String outcome) {
            return Timer.builder(NAME)
                    .tags(Tags.of(ListenerLowCardinalityTags.LISTENER_ID.asString(), listenerId,
                            ListenerLowCardinalityTags.MESSAGING_SYSTEM.asString(), "kafka",
                            ListenerLowCardinalityTags.MESSAGING_OPERATION.asString(), "process",
                            ListenerLowCardinalityTags.MESSAGING_SOURCE_NAME.asString(), topic,
                            ListenerLowCardinalityTags.MESSAGING_SOURCE_KIND.asString(), "topic",
                            ListenerLowCardinalityTags.MESSAGING_CONSUMER_GROUP.asString(), groupId,
                            "error", outcome))
                    .register(registry);
        }
    }
}
