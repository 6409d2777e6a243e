package dev.voiceotp.worker.prompt;

import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;

/**
 * Renders the Plivo XML that reads a code: a greeting with the producer app's name, then the code spelled
 * out digit by digit at a slower rate, said several times with pauses.
 *
 * <p>Built with a StringBuilder rather than plivo-java's XML builders: those keep voice/language flags in
 * static fields (unsafe under concurrency), do not escape text and build a JAXB context per document
 * (milliseconds per call). Every piece of text is XML-escaped here; the code is digits only.
 */
@Component
public class AnswerXml {

    private final String speakingRate;
    private final int repeat;

    public AnswerXml(WorkerProperties properties) {
        this.speakingRate = properties.prompt().speakingRate();
        this.repeat = properties.prompt().repeat();
    }

    /** The answer document for one call. */
    public String readCode(PromptLanguage language, String brand, String code) {
        requireDigits(code);
        StringBuilder xml = new StringBuilder(640)
                .append("<Response><Speak voice=\"").append(escape(language.voice()))
                .append("\" language=\"").append(escape(language.locale())).append("\">")
                .append(escape(language.greeting().replace("{brand}", brand)))
                .append("<break time=\"500ms\"/>");
        for (int i = 0; i < repeat; i++) {
            xml.append(escape(i == 0 ? language.codeIntro() : language.repeatIntro()))
                    .append("<break time=\"300ms\"/><prosody rate=\"").append(speakingRate)
                    .append("\"><say-as interpret-as=\"spell-out\">").append(code).append("</say-as></prosody>.")
                    .append("<break time=\"1s\"/>");
        }
        return xml.append(escape(language.goodbye())).append("</Speak></Response>").toString();
    }

    /** The answer when there is nothing to read (unknown, used or expired call token): end the call. */
    public String hangUp() {
        return "<Response><Hangup/></Response>";
    }

    private static void requireDigits(String code) {
        for (int i = 0; i < code.length(); i++) {
            if (!Character.isDigit(code.charAt(i))) {
                throw new IllegalArgumentException("a code must consist of digits");
            }
        }
    }

    /** XML-escapes text for element content and attribute values alike. */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(text.charAt(i)));
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
