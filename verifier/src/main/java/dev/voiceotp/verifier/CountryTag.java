package dev.voiceotp.verifier;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * The {@code country} tag of the verifier's meters. Tags must come from a closed set (docs/metrics.md), so a value
 * that is not an ISO 3166 alpha-2 region, whatever wrote it into Redis, becomes {@code unknown}.
 */
public final class CountryTag {

    public static final String UNKNOWN = "unknown";
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");

    private CountryTag() {
    }

    public static String of(@Nullable String region) {
        return region != null && REGION.matcher(region).matches() && !"ZZ".equals(region) ? region : UNKNOWN;
    }

    /** The region the gateway stored with the verification, else the number's; null when neither says. */
    public static @Nullable String region(@Nullable String stored, @Nullable String phoneNumber) {
        if (stored != null && !stored.isEmpty()) {
            return stored;
        }
        if (phoneNumber == null || phoneNumber.isEmpty()) {
            return null;
        }
        String region = PhoneNumbers.regionOf(phoneNumber);
        return "ZZ".equals(region) ? null : region;
    }
}
