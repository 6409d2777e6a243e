package dev.voiceotp.sandbox.call;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The code a listener would type for {@code "{code}"}: the last run of 4 to 10 digits heard, whether it was spoken
 * as one number ({@code 042917}) or digit by digit ({@code 0 4 2, 9 1 7}). A sentence end separates runs, so a code
 * said twice ({@code 042917. 042917.}) is still one code.
 */
final class HeardCode {

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[\\s,-]*\\d)*");

    private HeardCode() {
    }

    static Optional<String> lastIn(@Nullable String spokenText) {
        if (spokenText == null) {
            return Optional.empty();
        }
        String last = null;
        Matcher run = DIGIT_RUN.matcher(spokenText);
        while (run.find()) {
            String digits = run.group().replaceAll("\\D", "");
            if (digits.length() >= 4 && digits.length() <= 10) {
                last = digits;
            }
        }
        return Optional.ofNullable(last);
    }
}
