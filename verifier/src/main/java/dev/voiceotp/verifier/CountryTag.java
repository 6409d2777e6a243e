package dev.voiceotp.verifier;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * The {@code country} tag of the verifier's meters. Tags must come from a closed set (docs/metrics.md), so a value
 * that is not an ISO 3166 alpha-2 region, whatever wrote it into Redis, becomes {@code unknown}.
 */
public final class CountryTag {

    public static final String UNKNOWN = "unknown";

    private CountryTag() {
    }

    public static String of(@Nullable String region) {
        return Objects.requireNonNullElse(PhoneNumbers.isoCountry(region), UNKNOWN);
    }
}
