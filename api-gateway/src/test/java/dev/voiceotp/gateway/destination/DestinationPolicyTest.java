package dev.voiceotp.gateway.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import dev.voiceotp.gateway.GatewayProperties.Destinations;
import dev.voiceotp.gateway.TestGatewayProperties;
import dev.voiceotp.gateway.refusal.RefusalReason;
import dev.voiceotp.gateway.refusal.RequestRefused;

/** Which numbers the default policy refuses, judged by libphonenumber's metadata for the number. */
class DestinationPolicyTest {

    private final DestinationPolicy defaults = policy(Set.of(), TestGatewayProperties.DEFAULT_REFUSED_TYPES);

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
            "+19002345678, US premium rate",
            "+449012345678, GB premium rate",
            "+33891123456, FR premium rate",
            "+33884012345, FR shared cost",
            "+41840123456, CH shared cost",
            "+445512345678, GB UAN",
            "+447012345678, GB personal number",
            "+15002345678, US personal number",
            "+447640123456, GB pager",
            "+49177991234567, DE voicemail access",
            "+445612345678, GB VoIP"})
    void shouldRefuseNumberTypesThatCostExtraOrReachNoPerson(String number, String description) {
        RequestRefused refused = catchThrowableOfType(RequestRefused.class, () -> defaults.check(number));

        assertThat(refused).as(description).isNotNull();
        assertThat(refused.reason()).isEqualTo(RefusalReason.DESTINATION_TYPE);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.property("errors")).asString().contains("phoneNumber").contains("numbers are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155550123", "+447400123456", "+442071234567", "+33612345678", "+4930123456",
            "+18002345678"})
    void shouldAllowMobileFixedAndTollFreeNumbers(String number) {
        assertThat(defaults.check(number)).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"+14155550123, US", "+447400123456, GB", "+33612345678, FR"})
    void shouldAnswerTheNumbersRegion(String number, String region) {
        assertThat(defaults.check(number)).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+881612345678", "+8823421234", "+883510012345"})
    void shouldRefuseNonGeographicNumbersUnlessListed(String number) {
        assertThat(catchThrowableOfType(RequestRefused.class, () -> defaults.check(number)).reason())
                .isEqualTo(RefusalReason.DESTINATION_COUNTRY);

        assertThat(policy(Set.of("001"), Set.of()).check(number)).isEqualTo("001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+81312345678", "+447400123456"})
    void shouldRefuseCountriesOutsideTheAllowList(String number) {
        DestinationPolicy usOnly = policy(Set.of("US", "CA"), TestGatewayProperties.DEFAULT_REFUSED_TYPES);

        RequestRefused refused = catchThrowableOfType(RequestRefused.class, () -> usOnly.check(number));

        assertThat(refused.reason()).isEqualTo(RefusalReason.DESTINATION_COUNTRY);
        assertThat(refused.getBody().getDetail()).startsWith("phoneNumber: calls to numbers in ").endsWith(" are not enabled");
        assertThat(usOnly.check("+14155550123")).isEqualTo("US");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+445612345678"})
    void shouldRefuseVoipByDefaultAndCallItWhenConfiguredTo(String number) {
        assertThat(catchThrowableOfType(RequestRefused.class, () -> defaults.check(number)).getBody().getDetail())
                .isEqualTo("phoneNumber: calls to VoIP numbers are not allowed");

        Set<PhoneNumberType> voipAllowed = EnumSet.copyOf(TestGatewayProperties.DEFAULT_REFUSED_TYPES);
        voipAllowed.remove(PhoneNumberType.VOIP);
        assertThat(policy(Set.of(), voipAllowed).check(number)).isEqualTo("GB");
    }

    @Test
    void shouldStartWithTheseRefusedTypesFromApplicationYmlAndFromTheBindersDefault() throws IOException {
        PropertySource<?> yaml = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml")).getFirst();
        Set<PhoneNumberType> configured = new Binder(ConfigurationPropertySources.from(yaml))
                .bind("voice-otp.gateway.destinations.refused-types", Bindable.setOf(PhoneNumberType.class)).get();
        Set<PhoneNumberType> bound = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("voice-otp.gateway.destinations", Destinations.class).refusedTypes();

        assertThat(configured).isEqualTo(TestGatewayProperties.DEFAULT_REFUSED_TYPES).contains(PhoneNumberType.VOIP);
        assertThat(bound).isEqualTo(TestGatewayProperties.DEFAULT_REFUSED_TYPES);
    }

    private static DestinationPolicy policy(Set<String> countries, Set<PhoneNumberType> refusedTypes) {
        return new DestinationPolicy(TestGatewayProperties.withDestinations(new Destinations(countries, refusedTypes)));
    }
}
