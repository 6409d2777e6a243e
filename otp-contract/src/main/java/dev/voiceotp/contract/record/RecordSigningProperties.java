package dev.voiceotp.contract.record;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Secrets that authenticate request records ({@code voice-otp.records}), see {@link RecordSignature}. The gateway signs
 * every record of {@code otp.requests.v1} with {@code signing-secret}, and the worker (and the gateway's event relay)
 * accept no other signature there: {@code previous-signing-secrets} while a rotation is under way. A producer app that
 * publishes to Kafka itself signs its records of {@code otp.requests.direct.v1} with one of
 * {@code app-secrets.<app id>}; the gateway accepts such a record only for that app, screens it and publishes it on.
 *
 * @param signingSecret the gateway's secret (at least 32 characters); empty where nothing signs or checks
 * @param previousSigningSecrets secrets being rotated out: still accepted, never used to sign
 * @param appSecrets per producer app, the secrets its own direct records may be signed with
 */
@Validated
@ConfigurationProperties("voice-otp.records")
public record RecordSigningProperties(
        @DefaultValue("") String signingSecret,
        // checked by isEverySecretLongEnough, not by a constraint on each: a failed constraint prints the value
        @DefaultValue List<String> previousSigningSecrets,
        @DefaultValue Map<String, List<String>> appSecrets) {

    @AssertTrue(message = "every previous-signing-secrets and app-secrets entry must be at least 32 characters; the value is not printed")
    public boolean isEverySecretLongEnough() {
        return Stream.concat(previousSigningSecrets.stream(), appSecrets.values().stream().flatMap(List::stream))
                .allMatch(secret -> secret != null && secret.length() >= 32);
    }

    /** Only how many secrets there are: a record's own toString would print them. */
    @Override
    public String toString() {
        return "RecordSigningProperties[signingSecret=<hidden>, previousSigningSecrets=" + previousSigningSecrets.size()
                + ", appSecrets=" + appSecrets.keySet() + "]";
    }

    /** The gateway's signer; fails when no secret of at least 32 characters is configured. */
    public RecordSignature signer() {
        if (signingSecret.length() < 32) {
            throw new IllegalStateException("voice-otp.records.signing-secret (OTP_RECORD_SIGNING_SECRET) must be set, at least 32 characters");
        }
        return RecordSignature.withSecret(signingSecret);
    }

    /** The check of {@code otp.requests.v1}: the gateway's signature, for any app. */
    public RecordVerifier gatewayVerifier() {
        return new RecordVerifier(gatewaySecrets(), Map.of());
    }

    /** The check of {@code otp.requests.direct.v1}: the named app's own signature, for that app only. */
    public RecordVerifier appVerifier(List<String> appIds) {
        return new RecordVerifier(List.of(), appIds.stream().distinct()
                .collect(Collectors.toUnmodifiableMap(id -> id, this::appSignatures)));
    }

    /** The signatures a direct record of {@code appId} may carry: the app's own. */
    private List<RecordSignature> appSignatures(String appId) {
        return usable(appSecrets.getOrDefault(appId, List.of()));
    }

    private List<RecordSignature> gatewaySecrets() {
        return usable(Stream.concat(Stream.of(signingSecret), previousSigningSecrets.stream()).toList());
    }

    private static List<RecordSignature> usable(List<String> secrets) {
        return secrets.stream().filter(secret -> secret.length() >= 32).map(RecordSignature::withSecret).toList();
    }
}
