package dev.voiceotp.worker.plivo;

/** Plivo's own number format, in requests to its APIs: E.164 digits without the plus sign. */
final class PlivoNumbers {

    private PlivoNumbers() {
    }

    static String of(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
