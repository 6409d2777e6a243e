package dev.voiceotp.worker.prompt;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * The languages the call can speak, and which one a call gets: the request's locale, else the producer app's
 * default locale (each matched by exact tag, else by the same language), else the language of the number's
 * country, else the worker's default. Templates are loaded once, at start.
 */
public final class PromptLanguages {

    private static final Pattern LANGUAGE_END = Pattern.compile("[-_]");
    private static final List<String> SUPPORTED = List.of("en-US", "en-GB", "es-ES", "fr-FR", "de-DE", "pt-BR", "hi-IN");

    private static final Map<String, String> LOCALE_BY_REGION = Map.ofEntries(
            Map.entry("US", "en-US"), Map.entry("CA", "en-US"), Map.entry("GB", "en-GB"), Map.entry("IE", "en-GB"),
            Map.entry("AU", "en-GB"), Map.entry("NZ", "en-GB"), Map.entry("ES", "es-ES"), Map.entry("MX", "es-ES"),
            Map.entry("AR", "es-ES"), Map.entry("CO", "es-ES"), Map.entry("FR", "fr-FR"), Map.entry("BE", "fr-FR"),
            Map.entry("DE", "de-DE"), Map.entry("AT", "de-DE"), Map.entry("CH", "de-DE"), Map.entry("BR", "pt-BR"),
            Map.entry("PT", "pt-BR"), Map.entry("IN", "hi-IN"));

    private final List<PromptLanguage> all = SUPPORTED.stream().map(PromptLanguage::load).toList();
    private final Map<String, PromptLanguage> byLocale = all.stream()
            .collect(Collectors.toUnmodifiableMap(language -> language.locale().toLowerCase(Locale.ROOT), Function.identity()));
    private final PromptLanguage fallback;

    public PromptLanguages(String defaultLocale) {
        this.fallback = exact(defaultLocale)
                .orElseThrow(() -> new IllegalArgumentException("unsupported default prompt locale: " + defaultLocale));
    }

    PromptLanguage choose(@Nullable String requestedLocale, @Nullable String appLocale, String phoneNumber) {
        return Optional.ofNullable(requestedLocale).flatMap(this::exactOrSameLanguage)
                .or(() -> Optional.ofNullable(appLocale).flatMap(this::exactOrSameLanguage))
                .or(() -> Optional.ofNullable(LOCALE_BY_REGION.get(PhoneNumbers.regionOf(phoneNumber))).flatMap(this::exact))
                .orElse(fallback);
    }

    public static List<String> supportedLocales() {
        return SUPPORTED;
    }

    private Optional<PromptLanguage> exactOrSameLanguage(String locale) {
        String language = LANGUAGE_END.split(locale, 2)[0].toLowerCase(Locale.ROOT);
        return exact(locale).or(() -> all.stream().filter(candidate -> candidate.locale().startsWith(language + "-")).findFirst());
    }

    private Optional<PromptLanguage> exact(String locale) {
        return Optional.ofNullable(byLocale.get(locale.replace('_', '-').toLowerCase(Locale.ROOT)));
    }
}
