package dev.voiceotp.contract.app;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.event.OtpEventType;

/**
 * The producer apps this installation serves ({@code voice-otp.apps}). API keys are configured only as
 * SHA-256 hex digests so that a leaked configuration file does not leak usable keys; several digests per
 * app allow rotating keys without downtime.
 */
@Validated
@ConfigurationProperties("voice-otp")
public record ProducerAppsProperties(@DefaultValue @Valid List<App> apps) {

    private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private static final java.util.regex.Pattern WEBHOOK_SECRET = java.util.regex.Pattern.compile("whsec_[A-Za-z0-9+/]{32,}={0,2}");

    /**
     * One producer app.
     *
     * @param id the app's id in keys, events and metrics
     * @param name the brand name spoken in the call's greeting
     * @param apiKeySha256 digests of the app's active API keys
     * @param callerId the number calls show (E.164), or null for the worker's default {@code from} number
     * @param defaultLocale prompt language when the request names none, or null to go by the number's country
     * @param delivery how calls are placed unless a request says otherwise
     * @param phloId the PHLO to run when delivery is {@code phlo}, or null for the worker's default PHLO
     * @param quotas the app's own limits, enforced by the gateway and the verifier
     * @param callback where the gateway posts the app's lifecycle events as signed webhooks; null for none
     */
    public record App(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String id,
            @NotBlank String name,
            // checked by isEveryApiKeyADigest, not by a constraint on each: a failed constraint prints the value, and a
            // wrong value here is most likely the key itself
            @NotEmpty List<String> apiKeySha256,
            @Nullable @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number") String callerId,
            @Nullable @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "must be a BCP 47 tag such as en-US") String defaultLocale,
            @DefaultValue("call") DeliveryMethod delivery,
            @Nullable String phloId,
            @DefaultValue @Valid Quotas quotas,
            @Nullable @Valid Callback callback) {

        /** The constructor configuration binds to (a record with a second constructor must name it). */
        @ConstructorBinding
        public App {
        }

        @AssertTrue(message = "every api-key-sha256 must be a lower-case SHA-256 hex digest of a key (64 characters 0-9 a-f), "
                + "never the key itself; the value is not printed")
        public boolean isEveryApiKeyADigest() {
            return apiKeySha256 == null || apiKeySha256.stream().allMatch(digest -> digest != null && SHA256_HEX.matcher(digest).matches());
        }

        /** An app with only the required settings; the rest at their defaults. */
        public App(String id, String name, List<String> apiKeySha256) {
            this(id, name, apiKeySha256, null, null, DeliveryMethod.CALL, null, Quotas.DEFAULTS, null);
        }
    }

    /**
     * Signed webhooks to the app (docs/webhooks.md).
     *
     * @param url where events are posted: https, or http to a loopback host
     * @param events the event types to post (wire names such as {@code approved}); empty for every type
     * @param secrets signing secrets in the Standard Webhooks form {@code whsec_<base64 of at least 24 random bytes>};
     *     every delivery is signed with each, so a new secret can be added before the old one is removed
     * @param includePhoneNumber add the verification's number ({@code phoneNumber}) to each event; off by default, so an
     *     app's endpoint handles no personal data it did not ask for
     */
    public record Callback(
            @NotNull URI url,
            @DefaultValue List<OtpEventType> events,
            // checked by isEverySecretWellFormed, not by a constraint on each: a failed constraint prints the value
            @NotEmpty List<String> secrets,
            @DefaultValue("false") boolean includePhoneNumber) {

        @AssertTrue(message = "every callback secret must be whsec_ and the base64 of at least 24 random bytes; the value is not printed")
        public boolean isEverySecretWellFormed() {
            return secrets == null || secrets.stream().allMatch(secret -> secret != null && WEBHOOK_SECRET.matcher(secret).matches());
        }

        /** Without the signing secrets, which a record's own toString would print. */
        @Override
        public String toString() {
            return "Callback[url=" + url + ", events=" + events + ", includePhoneNumber=" + includePhoneNumber + ", secrets=<hidden>]";
        }
    }

    /**
     * Per-app limits. Zero means no limit.
     *
     * @param requestsPerMinute verification requests the app may make per minute (all numbers together), enforced
     *     by the gateway
     * @param callsPerDay calls the app may cause per UTC day: its spend cap, enforced by the gateway
     * @param checksPerMinute code checks the app may make per minute (all numbers together), enforced by the
     *     verifier; by default five per verification it may request
     */
    public record Quotas(
            @DefaultValue("600") @PositiveOrZero int requestsPerMinute,
            @DefaultValue("10000") @PositiveOrZero int callsPerDay,
            @DefaultValue("3000") @PositiveOrZero int checksPerMinute) {

        public static final Quotas DEFAULTS = new Quotas(600, 10000, 3000);
    }
}
