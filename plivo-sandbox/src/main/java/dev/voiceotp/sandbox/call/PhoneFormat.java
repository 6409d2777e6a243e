package dev.voiceotp.sandbox.call;

import java.util.regex.Pattern;

/**
 * Phone numbers between the SDK's form ({@code 14155550111}), the E.164 form the inspection API shows
 * ({@code +14155550111}); logs mask numbers with {@code PhoneNumbers.mask} from otp-contract.
 */
public final class PhoneFormat {

    private static final Pattern NUMBER = Pattern.compile("\\+?\\d{3,15}");

    private PhoneFormat() {
    }

    /** Digits, with or without '+' (a '+' decoded from a query string as a space included), or a SIP URI. */
    public static boolean isDialable(String raw) {
        String trimmed = raw.trim();
        return NUMBER.matcher(trimmed).matches() || trimmed.startsWith("sip:");
    }

    /** {@code +} and digits for a number; a SIP URI unchanged. */
    public static String e164(String raw) {
        String trimmed = raw.trim();
        return !trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0)) ? "+" + trimmed : trimmed;
    }

    /** The form Plivo uses in callbacks: digits without '+'. */
    public static String plivo(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

}
