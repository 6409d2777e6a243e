package dev.voiceotp.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryTagTest {

    @Test
    void shouldKeepAnIsoRegion() {
        assertThat(CountryTag.of("DE")).isEqualTo("DE");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ZZ", "de", "DEU", "+14155550123", "US\n"})
    void shouldTagAnythingElseAsUnknownSoTheTagSetStaysClosed(String region) {
        assertThat(CountryTag.of(region)).isEqualTo(CountryTag.UNKNOWN);
    }
}
