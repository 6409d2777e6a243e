package dev.voiceotp.worker.attempt;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.VerificationFields;

/**
 * Rebuilds the request of a verification from its hash, for attempts that come from the call schedule rather
 * than from Kafka: the hash holds everything the request said (the request itself is long committed).
 */
final class StoredRequests {

    private StoredRequests() {
    }

    static Optional<OtpRequest> from(String verificationId, Map<String, String> hash) {
        String app = hash.get(VerificationFields.APP);
        String phone = hash.get(VerificationFields.PHONE);
        String createdAt = hash.get(VerificationFields.CREATED_AT);
        String expiresAt = hash.get(VerificationFields.EXPIRES_AT);
        if (app == null || phone == null || createdAt == null || expiresAt == null) {
            return Optional.empty();
        }
        DeliveryMethod delivery = Arrays.stream(DeliveryMethod.values())
                .filter(method -> method.wireName().equals(hash.get(VerificationFields.DELIVERY))).findFirst().orElse(null);
        return Optional.of(OtpRequest.of(verificationId, app, phone, hash.get(VerificationFields.LOCALE),
                Instant.ofEpochMilli(Long.parseLong(createdAt)), Instant.ofEpochMilli(Long.parseLong(expiresAt)), delivery));
    }
}
