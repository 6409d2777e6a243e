package dev.voiceotp.gateway.direct;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.dispatch.DispatchService;
import dev.voiceotp.gateway.refusal.RequestRefused;

/**
 * Takes each record of {@code otp.requests.direct.v1} through the REST path: destination policy, rate limits
 * (per number and per app; there is no client address), resend rules, call and spend caps, then the request record
 * for the worker, signed by the gateway. A record that is refused goes to the dead-letter topic with the reason the
 * REST answer would have carried. Kafka or Redis being unavailable is no refusal: the record is read again
 * (the error handler waits a second between attempts), and a record read twice is an idempotent replay.
 */
class DirectRequestListener {

    static final String ID = "direct-request-listener";
    static final String GROUP = "api-gateway-direct-requests";
    private static final Logger log = LoggerFactory.getLogger(DirectRequestListener.class);

    private final DirectRequests requests;
    private final DispatchService dispatcher;
    private final DirectDeadLetters deadLetters;

    DirectRequestListener(DirectRequests requests, DispatchService dispatcher, DirectDeadLetters deadLetters) {
        this.requests = requests;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = ID, groupId = GROUP, topics = Topics.OTP_DIRECT_REQUESTS, batch = "false", properties = {
            "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
            "auto.offset.reset=earliest"})
    void onRequest(ConsumerRecord<String, byte[]> record) {
        String refusal;
        try {
            dispatcher.dispatch(requests.read(record));
            return;
        } catch (DirectRequests.Unusable e) {
            refusal = e.reason();
        } catch (RequestRefused e) {
            refusal = e.reason().tag();
        } catch (ApiProblem e) {
            if (e.getStatusCode().is5xxServerError()) {
                throw e; // Kafka or Redis unavailable: read again
            }
            // 409: the id names another verification; 422: this app used the id before for another number
            refusal = e.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST) ? "invalid" : "verification_id_in_use";
        }
        deadLetters.send(record, refusal);
        log.debug("Direct request at {}-{}@{} refused: {}", record.topic(), record.partition(), record.offset(), refusal);
    }
}
