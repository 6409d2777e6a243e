package dev.voiceotp.worker.event;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * What events and metrics may say about a verification: its id, its producer app and the country of its
 * number (ISO 3166), never the number itself.
 */
public record VerificationRef(String verificationId, String appId, @Nullable String country) {

    public static VerificationRef of(String verificationId, String appId, @Nullable String storedCountry, @Nullable String phoneNumber) {
        return new VerificationRef(verificationId, appId, PhoneNumbers.regionOf(storedCountry, phoneNumber));
    }

    /** The country as a metric label: a region code, or {@code unknown}. */
    public String countryLabel() {
        return country == null ? "unknown" : country;
    }
}
