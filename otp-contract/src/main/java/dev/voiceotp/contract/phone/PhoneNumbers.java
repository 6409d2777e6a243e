package dev.voiceotp.contract.phone;

import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import dev.voiceotp.contract.web.ApiProblem;

/**
 * Accepts only numbers written in E.164 ({@code +} then 7-15 digits) that libphonenumber knows to be valid,
 * and masks numbers for logs.
 */
public final class PhoneNumbers {

    /** libphonenumber's region for a number it cannot place. */
    public static final String UNKNOWN_REGION = "ZZ";
    /** The {@code country} label of a meter for a verification whose country is not known ({@link #countryLabel}). */
    public static final String UNKNOWN_COUNTRY_LABEL = "unknown";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern ISO_COUNTRY = Pattern.compile("[A-Z]{2}");

    private PhoneNumbers() {
    }

    /**
     * The number in canonical E.164 form.
     *
     * @param field the request field it came from, named in the error
     * @throws ApiProblem 400 naming the field when the number is missing, not E.164 or not a valid number
     */
    public static String requireE164(@Nullable String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        if (!E164Parser.isE164(raw)) {
            throw ApiProblem.invalidField(field, "must be in E.164 format, for example +14155550123");
        }
        PhoneNumber number = E164Parser.parse(raw)
                .orElseThrow(() -> ApiProblem.invalidField(field, "is not a valid phone number"));
        if (!UTIL.isValidNumber(number)) {
            throw ApiProblem.invalidField(field, "is not a valid phone number");
        }
        return UTIL.format(number, PhoneNumberFormat.E164);
    }

    /**
     * Like {@link #requireE164} but also takes the digits-only form Plivo uses ({@code 14155550123}), as
     * the guide's endpoints do.
     */
    public static String requireE164Lenient(@Nullable String raw, String field) {
        if (raw != null && !raw.startsWith("+") && raw.chars().allMatch(Character::isDigit)) {
            return requireE164("+" + raw, field);
        }
        return requireE164(raw, field);
    }

    /** Whether libphonenumber knows the number (E.164, or free-form as it reads those) to be valid. */
    public static boolean isValid(String number) {
        return parse(number).map(UTIL::isValidNumber).orElse(false);
    }

    /** ISO 3166 region of a valid E.164 number ({@code US}), or {@link #UNKNOWN_REGION} when unknown. */
    public static String regionOf(String e164) {
        return parse(e164).map(UTIL::getRegionCodeForNumber).filter(region -> region != null).orElse(UNKNOWN_REGION);
    }

    /**
     * The region a verification is counted under: the one stored with it when the gateway wrote one, else its
     * number's; null when neither names a known region. The number itself goes no further than here.
     */
    public static @Nullable String regionOf(@Nullable String storedRegion, @Nullable String e164) {
        String region = storedRegion != null && !storedRegion.isBlank() ? storedRegion
                : e164 != null && !e164.isBlank() ? regionOf(e164) : null;
        return UNKNOWN_REGION.equals(region) ? null : region;
    }

    /**
     * The region when it is an ISO 3166 alpha-2 country, else null: not for an unknown region, a non-geographic
     * one ({@code 001}) or anything else that found its way into a record. Events and metric labels carry only
     * countries.
     */
    public static @Nullable String isoCountry(@Nullable String region) {
        return region != null && ISO_COUNTRY.matcher(region).matches() && !UNKNOWN_REGION.equals(region) ? region : null;
    }

    /**
     * The {@code country} label of a meter: the region when it is an ISO 3166 country ({@link #isoCountry}), else
     * {@link #UNKNOWN_COUNTRY_LABEL}, so the label set stays closed whatever found its way into Redis.
     */
    public static String countryLabel(@Nullable String region) {
        String country = isoCountry(region);
        return country != null ? country : UNKNOWN_COUNTRY_LABEL;
    }

    /** A number as logs may show it: country code and the last two digits, for example {@code +1*******23}. */
    public static String mask(@Nullable String number) {
        if (number == null || number.length() < 6) {
            return "***";
        }
        int visiblePrefix = number.startsWith("+") ? 2 : 1;
        return number.substring(0, visiblePrefix) + "*".repeat(number.length() - visiblePrefix - 2)
                + number.substring(number.length() - 2);
    }

    /** Strict E.164 the quick way; anything else as libphonenumber reads free-form numbers. */
    private static Optional<PhoneNumber> parse(String number) {
        if (E164Parser.isE164(number)) {
            return E164Parser.parse(number);
        }
        try {
            return Optional.of(UTIL.parse(number, null));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
