package dev.voiceotp.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptLanguagesTest {

    private final PromptLanguages languages = new PromptLanguages("en-US");

    @Test
    void shouldPreferTheRequestedLocale() {
        assertThat(languages.choose("fr-FR", "de-DE", "+14155550123").voice()).isEqualTo("Polly.Celine");
        assertThat(languages.choose("en-GB", null, "+14155550123").locale()).isEqualTo("en-GB");
    }

    @Test
    void shouldFallBackToTheAppsLocaleThenTheNumbersCountryThenTheDefault() {
        assertThat(languages.choose(null, "de-DE", "+14155550123").locale()).isEqualTo("de-DE");
        assertThat(languages.choose("xx-YY", "pt-PT", "+14155550123").locale()).isEqualTo("pt-BR");
        assertThat(languages.choose(null, null, "+33612345678").locale()).isEqualTo("fr-FR");
        assertThat(languages.choose("xx-YY", null, "+442071838750").locale()).isEqualTo("en-GB");
        assertThat(languages.choose(null, null, "+81312345678").locale()).isEqualTo("en-US");
    }

    @Test
    void shouldMatchTheSameLanguageWhenTheExactTagIsNotSupported() {
        assertThat(languages.choose("es-MX", null, "+14155550123").locale()).isEqualTo("es-ES");
        assertThat(languages.choose("hi", null, "+14155550123").locale()).isEqualTo("hi-IN");
    }

    @Test
    void shouldSpeakEachLanguageWithAFittingPollyVoice() {
        assertThat(PromptLanguages.supportedLocales()).containsExactly("en-US", "en-GB", "es-ES", "fr-FR", "de-DE", "pt-BR", "hi-IN");
        assertThat(PromptLanguages.supportedLocales()).extracting(locale -> languages.choose(locale, null, "+14155550123").voice())
                .containsExactly("Polly.Joanna", "Polly.Amy", "Polly.Lucia", "Polly.Celine", "Polly.Vicki", "Polly.Vitoria", "Polly.Aditi");
    }

    @Test
    void shouldPutTheBrandIntoEveryGreeting() {
        for (String locale : PromptLanguages.supportedLocales()) {
            assertThat(languages.choose(locale, null, "+14155550123").greetingFor("Acme")).as(locale).contains("Acme").doesNotContain("{brand}");
        }
    }
}
