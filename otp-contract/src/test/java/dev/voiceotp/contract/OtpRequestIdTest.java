package dev.voiceotp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schema's verificationId format: 8 to 64 of A-Z, a-z, 0-9, '_' and '-'. */
class OtpRequestIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"0b6f3c1e-2d4a-4f8e-9c7b-5a1d2e3f4a5b", "abcdEFGH", "a_b-c_d-",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void shouldAcceptIdsOfTheSchemasFormat(String id) {
        assertThat(OtpRequest.isWellFormedVerificationId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdEFG", "01234567890123456789012345678901234567890123456789012345678901234",
            "abcd efgh", "abcd/efgh", "abcd.efgh", "abcdéfgh", "abcd:efgh", "{abcdefgh}"})
    void shouldRefuseAnythingElse(String id) {
        assertThat(OtpRequest.isWellFormedVerificationId(id)).isFalse();
    }
}
