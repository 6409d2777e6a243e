package dev.voiceotp.gateway.destination;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import dev.voiceotp.contract.phone.E164Parser;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.refusal.RefusalReason;
import dev.voiceotp.gateway.refusal.RequestRefused;

/**
 * Refuses numbers in countries that are not allowed and numbers of high-risk types (premium rate, shared cost,
 * ...), using libphonenumber's metadata. Pumping calls to such numbers is how toll fraud earns money, and the
 * bill lands on this platform, so the check comes before anything is stored or published.
 *
 * <p>Non-geographic numbers (region {@code 001}: satellite phones, international networks such as +882) are
 * a classic IRSF destination, so an empty allow-list does not include them: they must be listed as {@code 001}.
 */
@Component
public class DestinationPolicy {

    private static final String NON_GEOGRAPHIC = "001";

    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
    private final Set<String> allowedCountries;
    private final Set<PhoneNumberType> refusedTypes;

    public DestinationPolicy(GatewayProperties properties) {
        this.allowedCountries = Set.copyOf(properties.destinations().allowedCountries());
        this.refusedTypes = Set.copyOf(properties.destinations().refusedTypes());
    }

    /**
     * Validates a request's number with the rules and answers of {@code PhoneNumbers.requireE164} (E.164 only, valid
     * per libphonenumber, 400 naming the field), parsing it once for the policy as well.
     *
     * @throws ApiProblem 400 naming the field when the number is missing, not E.164 or not a valid number
     */
    public Destination validate(@Nullable String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        if (!E164Parser.isE164(raw)) {
            throw ApiProblem.invalidField(field, "must be in E.164 format, for example +14155550123");
        }
        PhoneNumber number = E164Parser.parse(raw)
                .orElseThrow(() -> ApiProblem.invalidField(field, "is not a valid phone number"));
        // isValidNumber is exactly "the number's type in its region is known", so the type answers both questions
        String region = numbers.getRegionCodeForNumber(number);
        PhoneNumberType type = numbers.getNumberType(number);
        if (region == null || type == PhoneNumberType.UNKNOWN) {
            throw ApiProblem.invalidField(field, "is not a valid phone number");
        }
        return new Destination(numbers.format(number, PhoneNumberFormat.E164), region, type);
    }

    /** Like {@link #validate}, but also takes the digits-only form Plivo uses ({@code 14155550123}), as the guide's endpoints do. */
    public Destination validateLenient(@Nullable String raw, String field) {
        if (raw != null && !raw.startsWith("+") && raw.chars().allMatch(Character::isDigit)) {
            return validate("+" + raw, field);
        }
        return validate(raw, field);
    }

    /**
     * @return the number's region ({@code US}, or {@code 001} for non-geographic numbers)
     * @throws RequestRefused 422 naming {@code phoneNumber} when the number may not be called
     */
    public String check(Destination destination) {
        String region = destination.region();
        if (!countryAllowed(region)) {
            throw countryRefused(region);
        }
        if (refusedTypes.contains(destination.type())) {
            throw RequestRefused.destination(RefusalReason.DESTINATION_TYPE,
                    "calls to " + describe(destination.type()) + " numbers are not allowed");
        }
        return region;
    }

    /** {@link #check(Destination)} for a number given as E.164 text. */
    public String check(String e164) {
        return check(validate(e164, "phoneNumber"));
    }

    /**
     * For a route with an allow-list of its own on top of this policy (the guide's unauthenticated dispatch).
     *
     * @throws RequestRefused the same 422 as {@link #check(Destination)} when the number's region is not listed
     */
    public static Destination requireListedCountry(Destination destination, Set<String> allowedCountries) {
        if (!allowedCountries.contains(destination.region())) {
            throw countryRefused(destination.region());
        }
        return destination;
    }

    private static RequestRefused countryRefused(String region) {
        return RequestRefused.destination(RefusalReason.DESTINATION_COUNTRY, "calls to numbers in " + region + " are not enabled");
    }

    private boolean countryAllowed(String region) {
        if (allowedCountries.isEmpty()) {
            return !NON_GEOGRAPHIC.equals(region);
        }
        return allowedCountries.contains(region);
    }

    private static String describe(PhoneNumberType type) {
        return switch (type) {
            case UAN -> "universal access (UAN)";
            case VOIP -> "VoIP";
            case UNKNOWN -> "unrecognised";
            default -> type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}
