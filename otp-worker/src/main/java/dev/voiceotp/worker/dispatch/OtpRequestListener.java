package dev.voiceotp.worker.dispatch;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;

/**
 * Entry point of the worker. Delivery is at-least-once (offsets are committed after processing); the call
 * claim in Redis makes a redelivered request harmless.
 */
@Component
class OtpRequestListener {

    private final VerificationDispatcher dispatcher;

    OtpRequestListener(VerificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = "otp-requests", topics = Topics.OTP_REQUESTS, concurrency = "${voice-otp.worker.concurrency:3}")
    void onRequest(OtpRequest request) {
        dispatcher.dispatch(request);
    }
}
