package dev.voiceotp.gateway.direct;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.record.RecordVerifier;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.destination.DestinationPolicy;
import dev.voiceotp.gateway.dispatch.NewVerification;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record of {@code otp.requests.direct.v1} into the request a REST call would have made, or says why it
 * cannot be one. The signature is checked against the secrets of the app the record names, and of no other app;
 * its {@code verificationId} becomes the verification's id and, per app, its idempotency key.
 *
 * <p>The publisher's {@code requestedAt}, which its signature covers, must lie within {@link #MAX_AGE} before the
 * gateway's clock and {@link #MAX_AHEAD} after it; a record outside that window is {@code stale}. The id guards
 * against a second call only while its verification is kept ({@code voice-otp.code.ttl} plus {@code .retention}
 * from the acceptance): without the window, the same signed record read again later (a consumer group reset to
 * the earliest offset, a copy published again) would create a new verification and call the number again. The
 * window also keeps a backlog the gateway reads late from calling people whose sign-up gave up long ago. Within
 * the window the code's lifetime still counts from the gateway's acceptance, as for a REST request.
 */
class DirectRequests {

    /** How long after its {@code requestedAt} a record is still called: the longest a code may live. */
    static final Duration MAX_AGE = CodeProperties.MAX_TTL;
    /** How far a publisher's clock may run ahead of the gateway's. */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private final JsonMapper json;
    private final RecordVerifier apps;
    private final DestinationPolicy destinations;
    private final Clock clock;

    DirectRequests(JsonMapper json, RecordVerifier apps, DestinationPolicy destinations, Clock clock, CodeProperties code) {
        Duration window = MAX_AGE.plus(MAX_AHEAD);
        if (code.ttl().plus(code.retention()).compareTo(window) <= 0) {
            // a record read twice inside the window must still find its verification, or it would be called twice
            throw new IllegalStateException("voice-otp.code.ttl plus voice-otp.code.retention must be longer than "
                    + window.toMinutes() + " minutes, the window in which a direct request is accepted");
        }
        this.json = json;
        this.apps = apps;
        this.destinations = destinations;
        this.clock = clock;
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
        if (request.verificationId() == null || !OtpRequest.isWellFormedVerificationId(request.verificationId())
                || request.requestedAt() == null) {
            throw new Unusable("invalid");
        }
        if (isStale(request.requestedAt())) {
            throw new Unusable("stale");
        }
        try {
            return new NewVerification(request.appId(), destinations.validate(request.phoneNumber(), "phoneNumber"),
                    NewVerification.requireLocale(request.locale()), request.delivery(), request.verificationId(), null,
                    request.verificationId());
        } catch (ApiProblem e) {
            throw new Unusable("invalid");
        }
    }

    private boolean isStale(Instant requestedAt) {
        Instant now = clock.instant();
        return requestedAt.isBefore(now.minus(MAX_AGE)) || requestedAt.isAfter(now.plus(MAX_AHEAD));
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
