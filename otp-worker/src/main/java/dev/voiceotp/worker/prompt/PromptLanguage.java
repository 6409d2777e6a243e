package dev.voiceotp.worker.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The words of the call in one language, and the Amazon Polly voice that speaks them. The words live in
 * {@code prompts/<locale>.properties} (UTF-8) so that a translator edits text, not code; {@code greeting}
 * contains {@code {brand}}, replaced by the producer app's name. Loading fails on a missing key, so an incomplete
 * translation stops the worker at start rather than leaving a call silent.
 */
record PromptLanguage(String locale, String voice, String greeting, String codeIntro, String codeAgain,
        String replayOffer, String presenceAsk, String presenceMissing, String confirmAsk, String confirmReplay,
        String confirmApproved, String confirmWrong, String confirmLocked, String confirmClosed, String confirmMissing,
        String goodbye) {

    static PromptLanguage load(String locale) {
        Properties words = read("prompts/" + locale + ".properties");
        return new PromptLanguage(locale, word(words, locale, "voice"), word(words, locale, "greeting"),
                word(words, locale, "code.intro"), word(words, locale, "code.again"), word(words, locale, "replay.offer"),
                word(words, locale, "presence.ask"), word(words, locale, "presence.missing"),
                word(words, locale, "confirm.ask"), word(words, locale, "confirm.replay"),
                word(words, locale, "confirm.approved"), word(words, locale, "confirm.wrong"),
                word(words, locale, "confirm.locked"), word(words, locale, "confirm.closed"),
                word(words, locale, "confirm.missing"), word(words, locale, "goodbye"));
    }

    /** The greeting with the brand in it. */
    String greetingFor(String brand) {
        return greeting.replace("{brand}", brand);
    }

    private static Properties read(String location) {
        try (InputStream in = PromptLanguage.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("no prompt template " + location);
            }
            Properties words = new Properties();
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    private static String word(Properties words, String locale, String key) {
        String value = words.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("prompt template " + locale + " has no '" + key + "'");
        }
        return value.strip();
    }
}
