package dev.voiceotp.worker.intake;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.record.RecordVerifier;

/**
 * Reads a request and lets it in only when it carries a valid {@link RecordSignature} over its exact bytes: the
 * gateway's (for any app) or one of the secrets of the app the record names. Anything else fails as
 * unauthenticated before the listener sees it, and goes to the dead-letter topic untouched: it fails no
 * verification, claims nothing and calls nobody.
 */
final class AuthenticatedRequestDeserializer implements Deserializer<OtpRequest> {

    private final Deserializer<OtpRequest> json;
    private final RecordVerifier verifier;

    AuthenticatedRequestDeserializer(Deserializer<OtpRequest> json, RecordVerifier verifier) {
        this.json = json;
        this.verifier = verifier;
    }

    @Override
    public OtpRequest deserialize(String topic, byte[] data) {
        throw InvalidOtpRequestException.unauthenticated(); // a record without headers cannot carry a signature
    }

    @Override
    public @Nullable OtpRequest deserialize(String topic, Headers headers, byte @Nullable [] data) {
        if (data == null) {
            throw InvalidOtpRequestException.unauthenticated();
        }
        OtpRequest request = json.deserialize(topic, headers, data);
        if (!verifier.isAuthentic(request == null ? null : request.appId(), headers, data)) {
            throw InvalidOtpRequestException.unauthenticated();
        }
        return request;
    }

    @Override
    public void close() {
        json.close();
    }
}
