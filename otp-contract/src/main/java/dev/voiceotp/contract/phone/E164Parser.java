package dev.voiceotp.contract.phone;

import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * Parses a number already written in strict E.164 ({@code +} and 7-15 digits) to what
 * {@code PhoneNumberUtil.parse(number, null)} gives, without its work for free-form input.
 *
 * <p>libphonenumber's parse runs a dozen regular expressions meant for numbers as people type them (viability,
 * extensions, punctuation, phone-context); on a dispatch that is most of the cost of validating the number. For
 * strict E.164 the steps reduce to: the country calling code is the one of 1-3 leading digits that is assigned
 * (calling codes are prefix-free), and the rest is the national number. The one step that can change that number,
 * stripping a national (trunk) prefix, is left to libphonenumber: a national number that starts with its region's
 * prefix for parsing goes through the full parse, so the answer is always libphonenumber's own (a test compares both
 * on every region's example numbers and on random numbers).
 */
public final class E164Parser {

    /** Strict E.164 as the API accepts it: no spaces, no punctuation, no leading zero. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_CALLING_CODE = 999;
    private static final int MIN_NATIONAL_LENGTH = 2;
    /** Matches nothing: the prefix of a calling code without a national prefix for parsing. */
    private static final Pattern NONE = Pattern.compile("(?!)");
    /** Per calling code: its national prefix for parsing ({@link #NONE} if it has none), null if unassigned. */
    private static final Pattern[] NATIONAL_PREFIXES = nationalPrefixes();

    private E164Parser() {
    }

    /** Whether the text has the strict E.164 form (not whether the number is valid). */
    public static boolean isE164(String text) {
        return E164.matcher(text).matches();
    }

    /**
     * The number libphonenumber's {@code parse(text, null)} would give, or empty where it would throw.
     *
     * @param e164 text that passed {@link #isE164}
     */
    public static Optional<PhoneNumber> parse(String e164) {
        for (int length = 1; length <= 3; length++) {
            int callingCode = Integer.parseInt(e164, 1, 1 + length, 10);
            Pattern nationalPrefix = NATIONAL_PREFIXES[callingCode];
            if (nationalPrefix == null) {
                continue;
            }
            String national = e164.substring(1 + length);
            if (national.length() <= MIN_NATIONAL_LENGTH || nationalPrefix.matcher(national).lookingAt()) {
                return fullParse(e164);
            }
            return Optional.of(number(callingCode, national));
        }
        return Optional.empty();
    }

    /** As {@code PhoneNumberUtil.parse}: the national number as a long, its leading zeros kept apart. */
    private static PhoneNumber number(int callingCode, String national) {
        PhoneNumber number = new PhoneNumber().setCountryCode(callingCode).setNationalNumber(Long.parseLong(national));
        if (national.charAt(0) == '0') {
            number.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
                zeros++;
            }
            if (zeros != 1) {
                number.setNumberOfLeadingZeros(zeros);
            }
        }
        return number;
    }

    private static Optional<PhoneNumber> fullParse(String e164) {
        try {
            return Optional.of(UTIL.parse(e164, null));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static Pattern[] nationalPrefixes() {
        Pattern[] prefixes = new Pattern[MAX_CALLING_CODE + 1];
        for (int callingCode : UTIL.getSupportedCallingCodes()) {
            prefixes[callingCode] = nationalPrefixOf(callingCode);
        }
        return prefixes;
    }

    /**
     * The calling code's main region's prefix for parsing, as libphonenumber reads it (it uses the metadata of the
     * calling code's main region, or of the non-geographic entity, for every number with that calling code).
     */
    private static Pattern nationalPrefixOf(int callingCode) {
        String region = UTIL.getRegionCodeForCountryCode(callingCode);
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        PhoneMetadata metadata = "001".equals(region) ? source.getMetadataForNonGeographicalRegion(callingCode)
                : source.getMetadataForRegion(region);
        if (metadata == null || !metadata.hasNationalPrefixForParsing() || metadata.getNationalPrefixForParsing().isEmpty()) {
            return NONE;
        }
        return Pattern.compile(metadata.getNationalPrefixForParsing());
    }
}
