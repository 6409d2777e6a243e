package dev.voiceotp.contract.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

class E164ParserTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @Test
    void shouldParseEveryRegionsExampleNumbersAsLibphonenumberDoes() {
        List<String> examples = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example != null) {
                    examples.add(UTIL.format(example, PhoneNumberFormat.E164));
                }
            }
        }
        for (int callingCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            examples.add(UTIL.format(UTIL.getExampleNumberForNonGeoEntity(callingCode), PhoneNumberFormat.E164));
        }

        // a few examples (short voicemail access numbers) are shorter than E.164 allows, and the API refuses them
        examples.removeIf(number -> !E164Parser.isE164(number));

        assertThat(examples).hasSizeGreaterThan(1000);
        assertSameAsLibphonenumber(examples);
    }

    @Test
    void shouldParseRandomNumbersAsLibphonenumberDoes() {
        SplittableRandom random = new SplittableRandom(20261202);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder number = new StringBuilder("+").append(1 + random.nextInt(9));
            int digits = 6 + random.nextInt(9);
            for (int d = 0; d < digits; d++) {
                // zeros twice as often as other digits: leading zeros and trunk prefixes after the calling code
                int digit = random.nextInt(11);
                number.append(digit == 10 ? 0 : digit);
            }
            numbers.add(number.toString());
        }

        assertSameAsLibphonenumber(numbers);
    }

    @Test
    void shouldLeaveNumbersWithATrunkPrefixToLibphonenumber() {
        // E.164 never carries the trunk prefix, but libphonenumber strips it: +44 0 7400 123456 is +44 7400 123456
        assertThat(E164Parser.parse("+4407400123456")).isEqualTo(libphonenumber("+4407400123456"))
                .map(number -> UTIL.format(number, PhoneNumberFormat.E164)).hasValue("+447400123456");
        // Italy keeps its leading zero, as part of the number
        assertThat(E164Parser.parse("+390212345678")).get()
                .satisfies(number -> assertThat(number.isItalianLeadingZero()).isTrue());
    }

    @Test
    void shouldFindNoNumberWithoutAnAssignedCallingCode() {
        assertThat(E164Parser.parse("+2801234567")).isEmpty();
        assertThat(E164Parser.isE164("+0123456789")).isFalse();
        assertThat(E164Parser.isE164("+1 415 555 0123")).isFalse();
    }

    private static void assertSameAsLibphonenumber(List<String> numbers) {
        List<String> different = new ArrayList<>();
        for (String number : numbers) {
            assertThat(E164Parser.isE164(number)).as(number).isTrue();
            if (!E164Parser.parse(number).equals(libphonenumber(number))) {
                different.add(number);
            }
        }
        assertThat(different).as("numbers parsed differently from libphonenumber").isEmpty();
    }

    private static Optional<PhoneNumber> libphonenumber(String number) {
        try {
            return Optional.of(UTIL.parse(number, null));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
