package dev.voiceotp.sandbox.callback;

import java.net.URI;

/** A URL Plivo calls back and the method it uses there ({@code answer_url} + {@code answer_method}, ...). */
public record CallbackUrl(URI url, CallbackMethod method) {
}
