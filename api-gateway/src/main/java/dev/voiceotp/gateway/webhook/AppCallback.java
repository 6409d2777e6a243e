package dev.voiceotp.gateway.webhook;

import java.net.URI;
import java.util.Set;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.event.OtpEventType;

/**
 * One app's callback as the deliveries use it: where, signed with what, which events, and whether the body carries the
 * number.
 *
 * @param wanted the event types the app asked for; empty for all
 */
record AppCallback(String appId, URI url, WebhookSignature signature, Set<OtpEventType> wanted, boolean includePhoneNumber) {

    static AppCallback of(String appId, ProducerAppsProperties.Callback callback) {
        String refusal = CallbackDestinations.refusal(callback.url());
        if (refusal != null) {
            throw new IllegalStateException("voice-otp.apps[" + appId + "].callback.url " + refusal);
        }
        return new AppCallback(appId, callback.url(), new WebhookSignature(callback.secrets()), Set.copyOf(callback.events()),
                callback.includePhoneNumber());
    }

    boolean wants(OtpEventType type) {
        return wanted.isEmpty() || wanted.contains(type);
    }
}
