package dev.voiceotp.gateway.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

/**
 * Sends one delivery: a JSON POST with the Standard Webhooks headers, never following a redirect, with connect and
 * answer timeouts, and says what the answer means for the delivery.
 */
final class WebhookClient implements AutoCloseable {

    private final HttpClient http;
    private final CallbackDestinations destinations;
    private final Duration requestTimeout;

    WebhookClient(CallbackDestinations destinations, Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.destinations = destinations;
        this.requestTimeout = requestTimeout;
    }

    /** What one attempt came to. */
    sealed interface Result {
        /** @param reason a metric label: the status class or the failure kind */
        String reason();
    }

    record Delivered(int status) implements Result {
        @Override
        public String reason() {
            return "2xx";
        }
    }

    /** Worth trying again later; {@code retryAfter} when the app said how long to wait (a 408, 429 or 5xx's Retry-After). */
    record Failed(String reason, @Nullable Duration retryAfter) implements Result {
    }

    /** Trying again would not help: any 4xx but 408 and 429, a redirect, a refused destination. */
    record Refused(String reason) implements Result {
    }

    Result send(URI url, String id, String body, WebhookSignature signature, Instant now) throws InterruptedException {
        try {
            destinations.check(url);
        } catch (CallbackDestinations.DestinationRefusedException e) {
            return new Refused("destination_refused");
        }
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("content-type", "application/json")
                .header("user-agent", "voice-otp-webhooks")
                .header(WebhookSignature.ID_HEADER, id)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            return new Failed("timeout", null);
        } catch (IOException e) {
            return new Failed("connection", null);
        }
        return classify(response.statusCode(), response.headers().firstValue("retry-after"));
    }

    static Result classify(int status, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        if (status >= 300 && status < 400) {
            return new Refused("redirect");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Failed(status >= 500 ? "5xx" : Integer.toString(status), retryAfter.flatMap(WebhookClient::seconds).orElse(null));
        }
        return new Refused("4xx");
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
