package dev.voiceotp.contract.event;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * What events and metrics may say about a verification: its id, its producer app and the country of its number,
 * never the number itself.
 *
 * @param country an ISO 3166 country; anything else (an unknown or non-geographic region) is kept as null
 */
public record VerificationRef(String verificationId, String appId, @Nullable String country) {

    public VerificationRef {
        country = PhoneNumbers.isoCountry(country);
    }

    /** With the country stored with the verification, else its number's. */
    public static VerificationRef of(String verificationId, String appId, @Nullable String storedCountry, @Nullable String phoneNumber) {
        return new VerificationRef(verificationId, appId, PhoneNumbers.regionOf(storedCountry, phoneNumber));
    }

    /** The country as a meter's {@code country} label: an ISO 3166 country, or {@code unknown}. */
    public String countryLabel() {
        return PhoneNumbers.countryLabel(country);
    }
}
