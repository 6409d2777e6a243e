package dev.voiceotp.contract.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.contract.web.FieldError;

/** The number rules every service applies: strict E.164, regions and countries, masking. */
class PhoneNumbersTest {

    @Test
    void shouldAcceptAValidE164Number() {
        assertThat(PhoneNumbers.requireE164("+14155550123", "phoneNumber")).isEqualTo("+14155550123");
        assertThat(PhoneNumbers.requireE164("+442079460958", "phoneNumber")).isEqualTo("+442079460958");
    }

    @Test
    void shouldNameTheFieldAndTheReasonForABadNumber() {
        assertRefused(null, "is required");
        assertRefused("  ", "is required");
        assertRefused("4155550123", "must be in E.164 format, for example +14155550123");
        assertRefused("+1 415 555 0123", "must be in E.164 format, for example +14155550123");
        assertRefused("+10000000000", "is not a valid phone number");
    }

    @Test
    void shouldTakePlivosDigitsOnlyFormWhereTheGuideDid() {
        assertThat(PhoneNumbers.requireE164Lenient("14155550123", "number")).isEqualTo("+14155550123");
        assertThatThrownBy(() -> PhoneNumbers.requireE164("14155550123", "number")).isInstanceOf(ApiProblem.class);
    }

    @Test
    void shouldTellAValidNumberInE164OrFreeFormFromOneThatCannotExist() {
        assertThat(PhoneNumbers.isValid("+14155550123")).isTrue();
        assertThat(PhoneNumbers.isValid("+44 20 7946 0958")).isTrue();
        // a German number with its trunk prefix written after the country code: libphonenumber strips it
        assertThat(PhoneNumbers.isValid("+4903012345678")).isTrue();
        assertThat(PhoneNumbers.isValid("+493012345678")).isTrue();
        assertThat(PhoneNumbers.isValid("+11234567890")).isFalse();
        assertThat(PhoneNumbers.isValid("+999123456789")).isFalse();
        assertThat(PhoneNumbers.isValid("not a number")).isFalse();
    }

    @Test
    void shouldFindANumbersRegionOrSayItIsUnknown() {
        assertThat(PhoneNumbers.regionOf("+14155550123")).isEqualTo("US");
        assertThat(PhoneNumbers.regionOf("+442079460958")).isEqualTo("GB");
        assertThat(PhoneNumbers.regionOf("not a number")).isEqualTo(PhoneNumbers.UNKNOWN_REGION);
    }

    @Test
    void shouldPreferTheStoredRegionAndNeverAnswerTheUnknownOne() {
        assertThat(PhoneNumbers.regionOf("FR", "+14155550123")).isEqualTo("FR");
        assertThat(PhoneNumbers.regionOf("", "+14155550123")).isEqualTo("US");
        assertThat(PhoneNumbers.regionOf(null, "+14155550123")).isEqualTo("US");
        assertThat(PhoneNumbers.regionOf(null, "+4930123456")).isEqualTo("DE");
        assertThat(PhoneNumbers.regionOf("GB", "+14155550123")).isEqualTo("GB");
        assertThat(PhoneNumbers.regionOf(null, "not a number")).isNull();
        assertThat(PhoneNumbers.regionOf(PhoneNumbers.UNKNOWN_REGION, null)).isNull();
        assertThat(PhoneNumbers.regionOf(null, null)).isNull();
    }

    @Test
    void shouldCallOnlyIsoCodesCountries() {
        assertThat(PhoneNumbers.isoCountry("US")).isEqualTo("US");
        assertThat(PhoneNumbers.isoCountry(PhoneNumbers.UNKNOWN_REGION)).isNull();
        assertThat(PhoneNumbers.isoCountry("001")).isNull();
        assertThat(PhoneNumbers.isoCountry("us")).isNull();
        assertThat(PhoneNumbers.isoCountry("USA")).isNull();
        assertThat(PhoneNumbers.isoCountry(null)).isNull();
    }

    @Test
    void shouldLabelAMetricWithTheCountry() {
        assertThat(PhoneNumbers.countryLabel("DE")).isEqualTo("DE");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ZZ", "001", "de", "DEU", "+14155550123", "US\n"})
    void shouldLabelAnythingElseUnknownSoTheLabelSetStaysClosed(String region) {
        assertThat(PhoneNumbers.countryLabel(region)).isEqualTo(PhoneNumbers.UNKNOWN_COUNTRY_LABEL).isEqualTo("unknown");
    }

    @Test
    void shouldMaskAllButTheCountryCodeAndTheLastTwoDigits() {
        assertThat(PhoneNumbers.mask("+14155550123")).isEqualTo("+1********23").doesNotContain("4155550");
        assertThat(PhoneNumbers.mask("14155550123")).isEqualTo("1********23");
        assertThat(PhoneNumbers.mask("+123")).isEqualTo("***");
        assertThat(PhoneNumbers.mask(null)).isEqualTo("***");
    }

    private static void assertRefused(String raw, String reason) {
        assertThatThrownBy(() -> PhoneNumbers.requireE164(raw, "phoneNumber")).isInstanceOfSatisfying(ApiProblem.class,
                problem -> {
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(problem.property("errors")).isEqualTo(List.of(new FieldError("phoneNumber", reason)));
                });
    }
}
