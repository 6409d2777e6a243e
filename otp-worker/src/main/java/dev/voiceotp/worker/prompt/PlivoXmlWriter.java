package dev.voiceotp.worker.prompt;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Appends Plivo XML elements to one {@link StringBuilder}: the few elements the call uses (Speak with SSML
 * break, prosody and say-as; GetDigits; Wait; Hangup), with every attribute value and piece of text XML-escaped.
 * One instance renders one document on one thread; nothing is shared, so rendering is thread-safe without locks.
 */
final class PlivoXmlWriter {

    private final StringBuilder xml;

    PlivoXmlWriter(int expectedLength) {
        this.xml = new StringBuilder(expectedLength).append("<Response>");
    }

    PlivoXmlWriter speak(PromptLanguage language) {
        xml.append("<Speak voice=\"");
        escapeInto(language.voice());
        xml.append("\" language=\"");
        escapeInto(language.locale());
        xml.append("\">");
        return this;
    }

    PlivoXmlWriter endSpeak() {
        xml.append("</Speak>");
        return this;
    }

    PlivoXmlWriter text(String text) {
        escapeInto(text);
        return this;
    }

    PlivoXmlWriter pause(Duration length) {
        xml.append("<break time=\"").append(length.toMillis()).append("ms\"/>");
        return this;
    }

    /**
     * The code, digit by digit: each digit its own {@code say-as}, a pause between two digits, all at the
     * configured rate, so that a listener can write each one down.
     */
    PlivoXmlWriter digits(String code, String rate, Duration pause) {
        xml.append("<prosody rate=\"");
        escapeInto(rate);
        xml.append("\">");
        for (int i = 0; i < code.length(); i++) {
            if (i > 0) {
                pause(pause);
            }
            xml.append("<say-as interpret-as=\"digits\">").append(code.charAt(i)).append("</say-as>");
        }
        xml.append("</prosody>");
        return this;
    }

    /**
     * Opens a GetDigits whose digits Plivo POSTs to {@code action}; {@code digitTimeout} (the wait between two
     * keys) only where several digits are typed.
     */
    PlivoXmlWriter getDigits(String action, int numDigits, Duration timeout, @Nullable Duration digitTimeout, int retries,
            String validDigits) {
        xml.append("<GetDigits action=\"");
        escapeInto(action);
        xml.append("\" method=\"POST\" numDigits=\"").append(numDigits)
                .append("\" timeout=\"").append(timeout.toSeconds());
        if (digitTimeout != null) {
            xml.append("\" digitTimeout=\"").append(digitTimeout.toSeconds());
        }
        xml.append("\" retries=\"").append(retries)
                .append("\" validDigits=\"");
        escapeInto(validDigits);
        xml.append("\" redirect=\"true\">");
        return this;
    }

    PlivoXmlWriter endGetDigits() {
        xml.append("</GetDigits>");
        return this;
    }

    /** Silence on the line, in whole seconds (Plivo's unit). */
    PlivoXmlWriter waitFor(Duration length) {
        xml.append("<Wait length=\"").append(length.toSeconds()).append("\"/>");
        return this;
    }

    PlivoXmlWriter hangup(@Nullable String reason) {
        if (reason == null) {
            xml.append("<Hangup/>");
        } else {
            xml.append("<Hangup reason=\"");
            escapeInto(reason);
            xml.append("\"/>");
        }
        return this;
    }

    String end() {
        return xml.append("</Response>").toString();
    }

    /** XML-escapes text for element content and attribute values alike, copying runs of safe characters at once. */
    private void escapeInto(String text) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (replacement != null) {
                xml.append(text, start, i).append(replacement);
                start = i + 1;
            }
        }
        xml.append(text, start, text.length());
    }
}
