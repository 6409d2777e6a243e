package dev.voiceotp.contract.record;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Secrets that authenticate the records of {@code otp.requests.v1} ({@code voice-otp.records}), see
 * {@link RecordSignature}. The gateway signs every record with {@code signing-secret}; the worker accepts a record
 * signed with it (or with one of {@code previous-signing-secrets}, while a rotation is under way) for any app, and
 * one signed with a secret of {@code app-secrets.<app id>} only for that app: that is how a producer app that
 * publishes to Kafka itself is let in, and only that app.
 *
 * @param signingSecret the gateway's secret (at least 32 characters); empty where nothing signs or checks
 * @param previousSigningSecrets secrets being rotated out: still accepted, never used to sign
 * @param appSecrets per producer app, the secrets its own records may be signed with
 */
@Validated
@ConfigurationProperties("voice-otp.records")
public record RecordSigningProperties(
        @DefaultValue("") String signingSecret,
        @DefaultValue List<@Size(min = 32, message = "must be at least 32 characters") String> previousSigningSecrets,
        @DefaultValue Map<String, List<@Size(min = 32, message = "must be at least 32 characters") String>> appSecrets) {

    /** The gateway's signer; fails when no secret of at least 32 characters is configured. */
    public RecordSignature signer() {
        if (signingSecret.length() < 32) {
            throw new IllegalStateException("voice-otp.records.signing-secret (OTP_RECORD_SIGNING_SECRET) must be set, at least 32 characters");
        }
        return RecordSignature.withSecret(signingSecret);
    }

    /** The check of records of these producer apps. */
    public RecordVerifier verifier(List<String> appIds) {
        return new RecordVerifier(this, appIds);
    }

    /** The signatures a record of {@code appId} may carry: the gateway's secrets and the app's own. */
    public List<RecordSignature> acceptedFor(String appId) {
        return java.util.stream.Stream.of(List.of(signingSecret), previousSigningSecrets, appSecrets.getOrDefault(appId, List.of()))
                .flatMap(List::stream).filter(secret -> secret.length() >= 32).map(RecordSignature::withSecret).toList();
    }
}
