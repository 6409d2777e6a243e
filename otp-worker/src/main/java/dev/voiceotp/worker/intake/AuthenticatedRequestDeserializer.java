package dev.voiceotp.worker.intake;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.record.RecordSignature;

/**
 * Reads a request and lets it in only when it carries a valid {@link RecordSignature} over its exact bytes: the
 * gateway's (for any app) or one of the secrets of the app the record names. Anything else fails as
 * unauthenticated before the listener sees it, and goes to the dead-letter topic untouched: it fails no
 * verification, claims nothing and calls nobody.
 */
final class AuthenticatedRequestDeserializer implements Deserializer<OtpRequest> {

    private final Deserializer<OtpRequest> json;
    private final List<RecordSignature> gateway;
    private final Map<String, List<RecordSignature>> byApp;

    /**
     * @param gateway the signatures accepted for every app
     * @param byApp per app, the signatures accepted for its records (the gateway's included)
     */
    AuthenticatedRequestDeserializer(Deserializer<OtpRequest> json, List<RecordSignature> gateway, Map<String, List<RecordSignature>> byApp) {
        this.json = json;
        this.gateway = gateway;
        this.byApp = byApp;
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
        Header signature = headers.lastHeader(RecordSignature.HEADER);
        List<RecordSignature> accepted = request == null || request.appId() == null ? gateway : byApp.getOrDefault(request.appId(), gateway);
        if (!RecordSignature.anyMatches(accepted, signature == null ? null : signature.value(), data)) {
            throw InvalidOtpRequestException.unauthenticated();
        }
        return request;
    }

    @Override
    public void close() {
        json.close();
    }
}
