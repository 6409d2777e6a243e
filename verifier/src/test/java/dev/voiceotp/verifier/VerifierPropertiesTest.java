package dev.voiceotp.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

class VerifierPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void shouldRequireAnAppIdWhenTheGuidesEndpointIsEnabled() {
        assertThat(validator.validate(new VerifierProperties(new VerifierProperties.Legacy(true, " "))))
                .extracting(violation -> violation.getMessage())
                .containsExactly("voice-otp.verifier.legacy.app-id is required when the guide's endpoint is enabled");
    }

    @Test
    void shouldNeedNothingWhileTheGuidesEndpointIsOff() {
        assertThat(validator.validate(new VerifierProperties(new VerifierProperties.Legacy(false, null)))).isEmpty();
    }
}
