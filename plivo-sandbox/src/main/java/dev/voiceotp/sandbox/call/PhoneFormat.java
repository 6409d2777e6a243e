package dev.voiceotp.sandbox.call;

import java.util.regex.Pattern;

import dev.voiceotp.contract.phone.PhoneNumbers;

/**
 * Phone numbers between the SDK's form ({@code 14155550111}) and the E.164 form the inspection API shows
 * ({@code +14155550111}); logs mask numbers with {@code PhoneNumbers.mask} from otp-contract.
 */
public final class PhoneFormat {

    private static final Pattern NUMBER = Pattern.compile("\\+?\\d{3,15}");

    private PhoneFormat() {
    }

    /** Digits, with or without '+' (a '+' decoded from a query string as a space included), or a SIP URI. */
    public static boolean isDialable(String raw) {
        String trimmed = raw.trim();
        return NUMBER.matcher(trimmed).matches() || isSipUri(trimmed);
    }

    /**
     * A destination Plivo would ring: a SIP URI, or a number libphonenumber knows to be valid (Plivo refuses numbers
     * that cannot exist with 400).
     */
    public static boolean isCallable(String raw) {
        String trimmed = raw.trim();
        if (isSipUri(trimmed)) {
            return true;
        }
        if (!NUMBER.matcher(trimmed).matches()) {
            return false;
        }
        return PhoneNumbers.isValid(e164(trimmed));
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

    private static boolean isSipUri(String value) {
        return value.startsWith("sip:");
    }
}
