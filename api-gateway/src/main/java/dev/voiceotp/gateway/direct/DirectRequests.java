package dev.voiceotp.gateway.direct;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.record.RecordVerifier;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.destination.DestinationPolicy;
import dev.voiceotp.gateway.dispatch.NewVerification;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record of {@code otp.requests.direct.v1} into the request a REST call would have made, or says why it
 * cannot be one. The signature is checked against the secrets of the app the record names, and of no other app;
 * the publisher's {@code requestedAt} and {@code expiresAt} are ignored (the lifetime counts from the gateway's
 * acceptance); its {@code verificationId} becomes the verification's id and, per app, its idempotency key.
 */
class DirectRequests {

    private final JsonMapper json;
    private final RecordVerifier apps;
    private final DestinationPolicy destinations;

    DirectRequests(JsonMapper json, RecordVerifier apps, DestinationPolicy destinations) {
        this.json = json;
        this.apps = apps;
        this.destinations = destinations;
    }

    NewVerification read(ConsumerRecord<String, byte[]> record) throws Unusable {
        OtpRequest request;
        try {
            request = json.readValue(record.value(), OtpRequest.class);
        } catch (JacksonException e) {
            throw new Unusable("malformed");
        }
        if (request == null || request.appId() == null || !apps.isAuthentic(request.appId(), record.headers(), record.value())) {
            throw new Unusable("unauthenticated");
        }
        if (request.version() != OtpRequest.VERSION) {
            throw new Unusable("unsupported_version");
        }
        if (request.verificationId() == null || !OtpRequest.isWellFormedVerificationId(request.verificationId())) {
            throw new Unusable("invalid");
        }
        try {
            return new NewVerification(request.appId(), destinations.validate(request.phoneNumber(), "phoneNumber"),
                    NewVerification.requireLocale(request.locale()), request.delivery(), request.verificationId(), null,
                    request.verificationId());
        } catch (ApiProblem e) {
            throw new Unusable("invalid");
        }
    }

    /** A record that cannot be a request; {@code reason} is its dead-letter reason. */
    static final class Unusable extends Exception {

        private final String reason;

        Unusable(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
