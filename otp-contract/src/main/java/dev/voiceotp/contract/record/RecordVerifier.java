package dev.voiceotp.contract.record;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a request record was signed by someone allowed to publish it: the gateway (any app) or the record's
 * own producer app. The accepted secrets are worked out once, per app. Used by the worker before it calls anyone and
 * by the gateway's event relay before it reports a request.
 */
public final class RecordVerifier {

    private final List<RecordSignature> gateway;
    private final Map<String, List<RecordSignature>> byApp;

    RecordVerifier(RecordSigningProperties signing, List<String> appIds) {
        this.gateway = Stream.concat(Stream.of(signing.signingSecret()), signing.previousSigningSecrets().stream())
                .filter(secret -> secret.length() >= 32).map(RecordSignature::withSecret).toList();
        this.byApp = appIds.stream().distinct().collect(Collectors.toUnmodifiableMap(id -> id, signing::acceptedFor));
    }

    /** Whether the record of {@code appId} (null when the value names none) carries a signature it may carry. */
    public boolean isAuthentic(@Nullable String appId, Headers headers, byte[] value) {
        Header signature = headers.lastHeader(RecordSignature.HEADER);
        List<RecordSignature> accepted = appId == null ? gateway : byApp.getOrDefault(appId, gateway);
        return RecordSignature.anyMatches(accepted, signature == null ? null : signature.value(), value, headers);
    }
}
