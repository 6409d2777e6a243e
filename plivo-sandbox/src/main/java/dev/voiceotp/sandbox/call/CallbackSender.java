package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.callback.CallbackClient;
import dev.voiceotp.sandbox.callback.CallbackException;
import dev.voiceotp.sandbox.callback.CallbackResponse;
import dev.voiceotp.sandbox.callback.CallbackUrl;
import dev.voiceotp.sandbox.callback.SignedCallback;

/**
 * Every callback a call makes goes through here: signed, kept as the call's last callback (for replays), sent, and
 * written into the call's history, so no failed callback is lost silently.
 */
@Component
class CallbackSender {

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);

    private final CallbackClient client;

    CallbackSender(CallbackClient client) {
        this.client = client;
    }

    /**
     * Sends a callback and, as Plivo does with the answer URL, sends it again (signed anew) up to {@code retries}
     * times, {@code pause} apart, while the application gives no answer or a 5xx: behind one public address, a
     * retry reaches another instance when the first one died. A 4xx is an answer, and is not retried.
     */
    Delivery sendRetrying(CallRecord call, String name, CallbackUrl url, Map<String, String> parameters, CallEvent.Type onSuccess,
            int retries, Duration pause) throws InterruptedException {
        Delivery delivery = send(call, name, url, parameters, onSuccess);
        for (int retry = 0; retry < retries && worthRetrying(delivery); retry++) {
            Pause.pause(call, pause);
            delivery = send(call, name, url, parameters, onSuccess);
        }
        return delivery;
    }

    private static boolean worthRetrying(Delivery delivery) {
        return delivery.response() == null || delivery.response().status() >= 500;
    }

    /**
     * @param name how the call's history names the URL ({@code answer_url}, {@code hangup_url}, ...)
     * @param onSuccess the event recorded when the application answers 2xx
     */
    Delivery send(CallRecord call, String name, CallbackUrl url, Map<String, String> parameters,
            CallEvent.Type onSuccess) throws InterruptedException {
        SignedCallback callback = client.sign(url.url(), url.method(), parameters);
        call.lastCallback(callback);
        Delivery delivery;
        try {
            CallbackResponse response = client.send(callback);
            delivery = new Delivery(response, null);
        } catch (CallbackException e) {
            delivery = new Delivery(null, e.getMessage());
        }
        String detail = url.method() + " " + name;
        if (delivery.successful()) {
            call.event(onSuccess, detail + ": HTTP " + delivery.response().status());
        } else {
            call.event(CallEvent.Type.CALLBACK_FAILED, detail + " " + delivery.problem());
            log.warn("Call {}: {} {}", call.requestUuid(), detail, delivery.problem());
        }
        return delivery;
    }
}
