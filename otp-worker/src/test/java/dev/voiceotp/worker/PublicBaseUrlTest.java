package dev.voiceotp.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Plivo fetches the call's XML, which reads the code, from the public base URL: https unless it is a sandbox's. */
class PublicBaseUrlTest {

    private static final jakarta.validation.ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void shouldRefuseAPlainHttpAddressWhenCallsGoToPlivo() {
        assertThat(violations("http://voice-otp.example.com", null)).singleElement()
                .satisfies(message -> assertThat(message).contains("public-base-url", "must be https"));
    }

    @Test
    void shouldAcceptHttpsTheLoopbackDefaultAndASandboxsAddress() {
        assertThat(violations("https://voice-otp.example.com", null)).isEmpty();
        assertThat(violations("http://localhost:8081", null)).isEmpty();
        assertThat(violations("http://otp-worker:8081", "http://plivo-sandbox:8090")).isEmpty();
    }

    private static java.util.List<String> violations(String publicBaseUrl, String apiBaseUrl) {
        Map<String, String> settings = new HashMap<>(Map.of("voice-otp.worker.public-base-url", publicBaseUrl));
        if (apiBaseUrl != null) {
            settings.put("voice-otp.worker.plivo.api-base-url", apiBaseUrl);
        }
        return VALIDATOR.validate(TestProperties.worker(settings)).stream().map(violation -> violation.getMessage()).toList();
    }
}
