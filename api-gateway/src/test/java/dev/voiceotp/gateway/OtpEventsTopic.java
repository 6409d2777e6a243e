package dev.voiceotp.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.gateway.OtpRequestsTopic.Message;

/**
 * Reads {@code otp.events.v1}. Events are published after the response, without waiting for the ack, so a test
 * that expects one waits for it; a test that expects none first waits for a later event it caused.
 */
public final class OtpEventsTopic {

    private OtpEventsTopic() {
    }

    /** Every event on the topic so far. */
    public static List<Message> all() {
        return OtpRequestsTopic.read(Topics.OTP_EVENTS);
    }

    /** The events of one verification, in order (one verification's events share a partition). */
    public static List<Message> eventsFor(String appId, String verificationId) {
        return OtpRequestsTopic.read(Topics.OTP_EVENTS).stream()
                .filter(message -> (appId + ":" + verificationId).equals(message.key()))
                .toList();
    }

    /** Waits until the verification has an event of this type and returns its events. */
    public static List<Message> awaitEvent(String appId, String verificationId, String type) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(appId, verificationId),
                events -> events.stream().anyMatch(event -> type.equals(event.value().path("type").asString())));
    }
}
