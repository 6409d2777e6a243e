package dev.voiceotp.worker.event;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * What events and metrics may say about a verification: its id, its producer app and the country of its
 * number (ISO 3166), never the number itself.
 */
public record VerificationRef(String verificationId, String appId, @Nullable String country) {

    /** libphonenumber's "unknown region". */
    private static final String UNKNOWN_REGION = "ZZ";

    public static VerificationRef of(String verificationId, String appId, @Nullable String storedCountry, @Nullable String phoneNumber) {
        String country = storedCountry != null && !storedCountry.isBlank() ? storedCountry
                : phoneNumber != null ? PhoneNumbers.regionOf(phoneNumber) : null;
        return new VerificationRef(verificationId, appId, UNKNOWN_REGION.equals(country) ? null : country);
    }

    /** The country as a metric label: a region code, or {@code unknown}. */
    public String countryLabel() {
        return country == null ? "unknown" : country;
    }
}
