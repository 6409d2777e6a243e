package dev.voiceotp.worker.prompt;

import java.net.URI;

/**
 * The action URLs of the call's keypad prompts. Only the opaque call token and the number of replays so far
 * appear in them, never the code; Plivo's signature covers the whole URL, so the count cannot be forged.
 */
final class CallbackUrls {

    static final String REPLAYS = "replays";

    private final String base;

    CallbackUrls(URI publicBaseUrl) {
        String url = publicBaseUrl.toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/plivo/digits/";
    }

    String digits(String token, DigitsStep step, int replaysSoFar) {
        return base + token + '/' + step.path() + '?' + REPLAYS + '=' + replaysSoFar;
    }
}
