package dev.voiceotp.worker.prompt;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * The languages the call can speak, and which one a call gets: the request's locale if supported (exact
 * tag, else the same language), else the language of the number's country, else the configured default.
 */
public final class PromptLanguages {

    private static final List<PromptLanguage> ALL = List.of(
            new PromptLanguage("en-US", "Polly.Joanna", "Hello, this is {brand}.", "Your verification code is",
                    "Once again, your code is", "Goodbye."),
            new PromptLanguage("en-GB", "Polly.Amy", "Hello, this is {brand}.", "Your verification code is",
                    "Once again, your code is", "Goodbye."),
            new PromptLanguage("es-ES", "Polly.Lucia", "Hola, le llamamos de {brand}.", "Su código de verificación es",
                    "Repito, su código es", "Adiós."),
            new PromptLanguage("fr-FR", "Polly.Celine", "Bonjour, ici {brand}.", "Votre code de vérification est",
                    "Je répète, votre code est", "Au revoir."),
            new PromptLanguage("de-DE", "Polly.Marlene", "Hallo, hier ist {brand}.", "Ihr Bestätigungscode lautet",
                    "Noch einmal, Ihr Code lautet", "Auf Wiederhören."),
            new PromptLanguage("pt-BR", "Polly.Vitoria", "Olá, aqui é {brand}.", "Seu código de verificação é",
                    "Repetindo, seu código é", "Até logo."),
            new PromptLanguage("hi-IN", "Polly.Aditi", "नमस्ते, यह {brand} है।", "आपका सत्यापन कोड है",
                    "फिर से, आपका कोड है", "धन्यवाद।"));

    private static final Map<String, String> LOCALE_BY_REGION = Map.of(
            "US", "en-US", "CA", "en-US", "GB", "en-GB", "IE", "en-GB", "AU", "en-GB",
            "ES", "es-ES", "FR", "fr-FR", "DE", "de-DE", "BR", "pt-BR", "IN", "hi-IN");

    private final Map<String, PromptLanguage> byLocale = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(language -> language.locale().toLowerCase(Locale.ROOT), Function.identity()));
    private final PromptLanguage fallback;

    public PromptLanguages(String defaultLocale) {
        this.fallback = exact(defaultLocale)
                .orElseThrow(() -> new IllegalArgumentException("unsupported default prompt locale: " + defaultLocale));
    }

    PromptLanguage choose(@Nullable String requestedLocale, String phoneNumber) {
        return Optional.ofNullable(requestedLocale).flatMap(this::exactOrSameLanguage)
                .or(() -> Optional.ofNullable(LOCALE_BY_REGION.get(PhoneNumbers.regionOf(phoneNumber))).flatMap(this::exact))
                .orElse(fallback);
    }

    public static List<String> supportedLocales() {
        return ALL.stream().map(PromptLanguage::locale).toList();
    }

    private Optional<PromptLanguage> exactOrSameLanguage(String locale) {
        String language = locale.split("[-_]")[0].toLowerCase(Locale.ROOT);
        return exact(locale).or(() -> ALL.stream().filter(candidate -> candidate.locale().startsWith(language + "-")).findFirst());
    }

    private Optional<PromptLanguage> exact(String locale) {
        return Optional.ofNullable(byLocale.get(locale.replace('_', '-').toLowerCase(Locale.ROOT)));
    }
}
