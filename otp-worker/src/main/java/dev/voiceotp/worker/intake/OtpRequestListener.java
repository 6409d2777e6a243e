package dev.voiceotp.worker.intake;

import java.time.Duration;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.worker.attempt.VerificationDispatcher;

/**
 * Entry point of the worker. Delivery is at-least-once (an offset is committed once its request is handled: its call
 * claimed and handed over to be placed, or nothing to do); the call claim in Redis makes a redelivered request
 * harmless, and its entry on the call schedule settles a claim whose call this worker died before placing.
 *
 * <p>While the account has no call slot free, or the worker no room for another call attempt (Plivo slow, or failing),
 * the consumer holds its position: a request that got neither within the pacing's max wait is negatively
 * acknowledged, so it and the rest of its poll are fetched again after a short pause. Waiting requests stay in Kafka,
 * where waiting is free; nothing about them is written anywhere.
 */
@Component
class OtpRequestListener {

    /** The listener's id in the endpoint registry. */
    static final String ID = "otp-requests";

    /** The pause before a request that found no call slot or no room is fetched again: short, the wait was long. */
    static final Duration REDELIVERY_PAUSE = Duration.ofMillis(500);

    private final OtpRequestValidator validator;
    private final VerificationDispatcher dispatcher;

    OtpRequestListener(OtpRequestValidator validator, VerificationDispatcher dispatcher) {
        this.validator = validator;
        this.dispatcher = dispatcher;
    }

    // idIsGroup = false: the consumer group is spring.kafka.consumer.group-id (otp-worker), the one the operators'
    // ACLs and lag queries name, not the listener's id, which spring-kafka would otherwise take as the group
    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.OTP_REQUESTS, concurrency = "${voice-otp.worker.concurrency:3}")
    void onRequest(OtpRequest request, Acknowledgment acknowledgment) {
        validator.validate(request);
        if (dispatcher.dispatch(request)) {
            acknowledgment.acknowledge();
        } else {
            acknowledgment.nack(REDELIVERY_PAUSE);
        }
    }
}
