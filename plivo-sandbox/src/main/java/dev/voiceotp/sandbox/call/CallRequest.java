package dev.voiceotp.sandbox.call;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.sandbox.callback.CallbackMethod;

/**
 * One destination of a Call API request, validated. Fields the simulation does not use yet (time limit, ring
 * timeout, machine detection) are kept so per-number behaviours can honour them.
 *
 * @param from the caller id in E.164 ({@code +14155550100})
 * @param to the destination in E.164, or a SIP URI
 */
public record CallRequest(
        String from,
        String to,
        URI answerUrl,
        CallbackMethod answerMethod,
        @Nullable URI hangupUrl,
        CallbackMethod hangupMethod,
        @Nullable String callerName,
        @Nullable Integer timeLimit,
        @Nullable Integer ringTimeout,
        @Nullable String machineDetection) {

    public boolean machineDetectionRequested() {
        return machineDetection != null && !machineDetection.isBlank() && !machineDetection.equalsIgnoreCase("false");
    }
}
