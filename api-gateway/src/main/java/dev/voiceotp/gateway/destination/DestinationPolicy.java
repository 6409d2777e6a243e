package dev.voiceotp.gateway.destination;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

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
     * @param e164 a number {@code PhoneNumbers.requireE164} accepted
     * @return the number's region ({@code US}, or {@code 001} for non-geographic numbers)
     * @throws RequestRefused 422 naming {@code phoneNumber} when the number may not be called
     */
    public String check(String e164) {
        PhoneNumber number = parse(e164);
        String region = Objects.requireNonNullElse(numbers.getRegionCodeForNumber(number), "ZZ");
        if (!countryAllowed(region)) {
            throw RequestRefused.destination(RefusalReason.DESTINATION_COUNTRY,
                    "calls to numbers in " + region + " are not enabled");
        }
        PhoneNumberType type = numbers.getNumberType(number);
        if (refusedTypes.contains(type)) {
            throw RequestRefused.destination(RefusalReason.DESTINATION_TYPE,
                    "calls to " + describe(type) + " numbers are not allowed");
        }
        return region;
    }

    private boolean countryAllowed(String region) {
        if (allowedCountries.isEmpty()) {
            return !NON_GEOGRAPHIC.equals(region);
        }
        return allowedCountries.contains(region);
    }

    private PhoneNumber parse(String e164) {
        try {
            return numbers.parse(e164, null);
        } catch (NumberParseException e) {
            // validation parsed the same string a moment ago
            throw new IllegalStateException("a validated number did not parse: " + e.getErrorType(), e);
        }
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
