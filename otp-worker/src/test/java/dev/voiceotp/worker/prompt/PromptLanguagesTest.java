package dev.voiceotp.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptLanguagesTest {

    private final PromptLanguages languages = new PromptLanguages("en-US");

    @Test
    void shouldPreferTheRequestedLocale() {
        assertThat(languages.choose("fr-FR", "+14155550123").voice()).isEqualTo("Polly.Celine");
        assertThat(languages.choose("en-GB", "+14155550123").locale()).isEqualTo("en-GB");
    }

    @Test
    void shouldFallBackToTheSameLanguageThenTheNumbersCountryThenTheDefault() {
        assertThat(languages.choose("es-MX", "+14155550123").locale()).isEqualTo("es-ES");
        assertThat(languages.choose(null, "+33612345678").locale()).isEqualTo("fr-FR");
        assertThat(languages.choose("xx-YY", "+442071838750").locale()).isEqualTo("en-GB");
        assertThat(languages.choose(null, "+81312345678").locale()).isEqualTo("en-US");
    }
}
