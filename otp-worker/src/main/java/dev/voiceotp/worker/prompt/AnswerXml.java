package dev.voiceotp.worker.prompt;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;

/**
 * Renders every Plivo XML document of the call: the code read digit by digit, several times, then either an
 * offer to hear it again or a request to type it; the "press 1 first" check that keeps the code off answering
 * machines; the answers to typed codes; and the hang-ups.
 *
 * <p>Hand-rendered ({@link PlivoXmlWriter}) rather than built with plivo-java's XML builders, because this runs on
 * every answered call: the builders keep voice/language flags in static fields (unsafe under concurrency), do not
 * escape text and build a JAXB context per document (milliseconds per call). A test renders the same documents
 * with the SDK's builders and compares the two DOMs.
 */
@Component
public class AnswerXml {

    /** Silence before the first word: people answer and only then lift the phone to the ear, and would miss the brand. */
    private static final Duration BEFORE_GREETING = Duration.ofSeconds(1);
    private static final Duration AFTER_GREETING = Duration.ofMillis(500);
    private static final Duration BEFORE_CODE = Duration.ofMillis(300);
    private static final Duration AFTER_CODE = Duration.ofSeconds(1);
    private static final Duration BETWEEN_SENTENCES = Duration.ofMillis(300);
    /** Time to press 1 after an offer; a person who wants the code again reacts within seconds. */
    private static final Duration KEY_TIMEOUT = Duration.ofSeconds(5);
    /** Time to start typing the code, and between two of its digits: people look at the keypad first. */
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BETWEEN_TYPED_DIGITS = Duration.ofSeconds(4);
    private static final String HANG_UP = "<Response><Hangup/></Response>";
    private static final String REJECT = "<Response><Hangup reason=\"rejected\"/></Response>";

    private final String speakingRate;
    private final int repeat;
    private final Duration digitPause;

    public AnswerXml(WorkerProperties properties) {
        this.speakingRate = properties.prompt().speakingRate();
        this.repeat = properties.prompt().repeat();
        this.digitPause = properties.prompt().digitPause();
    }

    /**
     * The code, read {@code repeat} times after an optional greeting (a second of silence first, see
     * {@link #BEFORE_GREETING}), then "press 1 to hear it again" when
     * {@code replayUrl} is given, then goodbye.
     */
    String readCode(PromptLanguage language, @Nullable String brand, String code, @Nullable String replayUrl) {
        PlivoXmlWriter xml = codeReading(language, brand, code);
        if (replayUrl != null) {
            xml.getDigits(replayUrl, 1, KEY_TIMEOUT, null, 1, "1")
                    .speak(language).text(language.replayOffer()).endSpeak()
                    .endGetDigits();
        }
        return xml.speak(language).text(language.goodbye()).endSpeak().end();
    }

    /** The code, read {@code repeat} times after an optional greeting, then the request to type it. */
    String readCodeThenConfirm(PromptLanguage language, @Nullable String brand, String code, String confirmUrl,
            boolean replayAllowed) {
        return confirmRequest(codeReading(language, brand, code), language, code.length(), confirmUrl, replayAllowed);
    }

    /** After a wrong or incomplete code: say so, and ask again. */
    String confirmAgain(PromptLanguage language, int codeLength, String confirmUrl, boolean replayAllowed) {
        PlivoXmlWriter xml = new PlivoXmlWriter(640).speak(language).text(language.confirmWrong()).endSpeak();
        return confirmRequest(xml, language, codeLength, confirmUrl, replayAllowed);
    }

    /**
     * The greeting and "press 1 to hear your code"; no key, no code: the call ends without it, so an answering
     * machine never records it.
     */
    String presenceCheck(PromptLanguage language, String brand, String startUrl) {
        return new PlivoXmlWriter(512).waitFor(BEFORE_GREETING)
                .getDigits(startUrl, 1, KEY_TIMEOUT, null, 2, "0123456789*")
                .speak(language).text(language.greetingFor(brand)).pause(BEFORE_CODE).text(language.presenceAsk()).endSpeak()
                .endGetDigits()
                .speak(language).text(language.presenceMissing()).pause(BETWEEN_SENTENCES).text(language.goodbye()).endSpeak()
                .end();
    }

    /** One last sentence (may be empty), goodbye, and the end of the call. */
    String farewell(PromptLanguage language, String message) {
        PlivoXmlWriter xml = new PlivoXmlWriter(256).speak(language);
        if (!message.isEmpty()) {
            xml.text(message).pause(BETWEEN_SENTENCES);
        }
        return xml.text(language.goodbye()).endSpeak().hangup(null).end();
    }

    /** The answer when there is nothing to read (unknown, used or expired call token): end the call. */
    public String hangUp() {
        return HANG_UP;
    }

    /** The answer to an answering machine: end the call without a word. */
    public String rejectMachine() {
        return REJECT;
    }

    private PlivoXmlWriter codeReading(PromptLanguage language, @Nullable String brand, String code) {
        requireDigits(code);
        PlivoXmlWriter xml = new PlivoXmlWriter(400 + repeat * (160 + code.length() * 60));
        if (brand != null) {
            xml.waitFor(BEFORE_GREETING).speak(language).text(language.greetingFor(brand)).pause(AFTER_GREETING);
        } else {
            xml.speak(language);
        }
        for (int i = 0; i < repeat; i++) {
            xml.text(i == 0 ? language.codeIntro() : language.codeAgain()).pause(BEFORE_CODE)
                    .digits(code, speakingRate, digitPause).text(".").pause(AFTER_CODE);
        }
        return xml.endSpeak();
    }

    private static String confirmRequest(PlivoXmlWriter xml, PromptLanguage language, int codeLength, String confirmUrl,
            boolean replayAllowed) {
        xml.getDigits(confirmUrl, codeLength, TYPING_TIMEOUT, BETWEEN_TYPED_DIGITS, 1, replayAllowed ? "0123456789*" : "0123456789")
                .speak(language).text(language.confirmAsk());
        if (replayAllowed) {
            xml.pause(BETWEEN_SENTENCES).text(language.confirmReplay());
        }
        return xml.endSpeak().endGetDigits()
                .speak(language).text(language.confirmMissing()).pause(BETWEEN_SENTENCES).text(language.goodbye()).endSpeak()
                .end();
    }

    private static void requireDigits(String code) {
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                throw new IllegalArgumentException("a code must consist of digits");
            }
        }
    }
}
