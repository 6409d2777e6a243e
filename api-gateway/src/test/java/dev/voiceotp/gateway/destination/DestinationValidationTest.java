package dev.voiceotp.gateway.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.GatewayProperties.Destinations;
import dev.voiceotp.gateway.TestGatewayProperties;

/**
 * The gateway validates a number and learns its region and type in one parse; it must accept, canonicalise and
 * refuse exactly as the shared {@link PhoneNumbers} rules do, with the same answers.
 */
class DestinationValidationTest {

    private final DestinationPolicy policy = new DestinationPolicy(
            TestGatewayProperties.withDestinations(new Destinations(Set.of(), TestGatewayProperties.DEFAULT_REFUSED_TYPES)));

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"+14155550123", "+14165550123", "+12425550123", "+19002345678", "+447911123456",
            "+442071838750", "+447640123456", "+33612345678", "+33891123456", "+4915112345678", "+41840123456",
            "+393123456789", "+390612345678", "+61412345678", "+81312345678", "+8613812345678", "+881612345678",
            "+882345678901", "+79123456789", "+77012345678", "+14155550", "+1415555012345", "+10005550123", "+999123456",
            "14155550123", "+0123456789", "+1 415 555 0123", "  ", "+44123", "+4412345678901234"})
    void shouldValidateExactlyAsTheSharedRules(@Nullable String raw) {
        String expected = null;
        ApiProblem expectedProblem = null;
        try {
            expected = PhoneNumbers.requireE164(raw, "phoneNumber");
        } catch (ApiProblem problem) {
            expectedProblem = problem;
        }

        if (expectedProblem == null) {
            Destination destination = policy.validate(raw, "phoneNumber");
            assertThat(destination.e164()).isEqualTo(expected);
            assertThat(destination.region()).isEqualTo(PhoneNumbers.regionOf(expected));
        } else {
            ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> policy.validate(raw, "phoneNumber"));
            assertThat(problem).isNotNull();
            assertThat(problem.getBody().getProperties()).isEqualTo(expectedProblem.getBody().getProperties());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"14155550123", "+14155550123", "4155550123", "abc", "+447911123456", "447911123456"})
    void shouldTakeTheDigitsOnlyFormLikeTheSharedLenientRules(String raw) {
        String expected;
        try {
            expected = PhoneNumbers.requireE164Lenient(raw, "number");
        } catch (ApiProblem problem) {
            assertThat(catchThrowableOfType(ApiProblem.class, () -> policy.validateLenient(raw, "number")).getBody().getProperties())
                    .isEqualTo(problem.getBody().getProperties());
            return;
        }
        assertThat(policy.validateLenient(raw, "number").e164()).isEqualTo(expected);
    }
}
