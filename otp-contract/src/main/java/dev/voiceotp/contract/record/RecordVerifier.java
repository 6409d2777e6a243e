package dev.voiceotp.contract.record;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a request record was signed by someone allowed to publish it on its topic: on {@code otp.requests.v1}
 * the gateway, for any app ({@link RecordSigningProperties#gatewayVerifier()}: the worker, before it calls anyone, and
 * the gateway's event relay, before it reports a request); on {@code otp.requests.direct.v1} the record's own producer
 * app ({@link RecordSigningProperties#appVerifier}). The accepted secrets are worked out once.
 */
public final class RecordVerifier {

    private final List<RecordSignature> anyApp;
    /** Per app, the signatures its records may carry; an app not listed here, or no app, gets {@link #anyApp}. */
    private final Map<String, List<RecordSignature>> byApp;

    RecordVerifier(List<RecordSignature> anyApp, Map<String, List<RecordSignature>> byApp) {
        this.anyApp = anyApp;
        this.byApp = byApp;
    }

    /** Whether the record of {@code appId} (null when the value names none) carries a signature it may carry. */
    public boolean isAuthentic(@Nullable String appId, Headers headers, byte[] value) {
        Header signature = headers.lastHeader(RecordSignature.HEADER);
        List<RecordSignature> accepted = appId == null ? anyApp : byApp.getOrDefault(appId, anyApp);
        return RecordSignature.anyMatches(accepted, signature == null ? null : signature.value(), value, headers);
    }
}
