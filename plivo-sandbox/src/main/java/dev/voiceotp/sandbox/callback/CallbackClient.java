package dev.voiceotp.sandbox.callback;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.plivo.PlivoSignatureV3;
import dev.voiceotp.sandbox.SandboxProperties;

/**
 * Sends a callback the way Plivo does: form parameters in the body (POST) or the query (GET), V3 signature headers
 * with a fresh nonce (one signature per signing token during a rotation), and a bounded wait, so a slow or silent
 * application fails the call instead of hanging it. Signing and sending are separate steps so a signed callback can
 * be replayed byte for byte.
 */
@Component
public class CallbackClient {

    /** Plivo reads at most 100 KB of answer XML. */
    public static final int MAX_BODY_BYTES = 100 * 1024;
    private static final long TEN_DIGITS = 10_000_000_000L;

    private final HttpClient http;
    private final List<String> signingTokens;
    private final Duration timeout;

    CallbackClient(SandboxProperties properties) {
        this.signingTokens = properties.signingTokens();
        this.timeout = properties.callbackTimeout();
        // HTTP/1.1 like Plivo; the default h2c upgrade attempt confuses some small test servers.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Signs a callback with a fresh nonce; nothing is sent yet. */
    public SignedCallback sign(URI url, CallbackMethod method, Map<String, String> parameters) {
        String form = formEncode(parameters);
        URI target = method == CallbackMethod.GET ? withQuery(url, form) : url;
        String nonce = nonce();
        String signatures = signingTokens.stream()
                .map(token -> PlivoSignatureV3.sign(token, method.name(), target.toString(), parameters, nonce))
                .collect(Collectors.joining(","));
        return new SignedCallback(target, method, method == CallbackMethod.POST ? form : null, nonce, signatures);
    }

    public CallbackResponse send(SignedCallback callback) throws CallbackException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(callback.target())
                .timeout(timeout)
                .header("User-Agent", "PlivoSandbox/1.0")
                .header("X-Plivo-Signature-V3", callback.signatures())
                .header("X-Plivo-Signature-Ma-V3", callback.signatures())
                .header("X-Plivo-Signature-V3-Nonce", callback.nonce());
        if (callback.form() != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(callback.form()));
        } else {
            request.GET();
        }
        return exchange(request.build());
    }

    private CallbackResponse exchange(HttpRequest request) throws CallbackException, InterruptedException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new CallbackException("response body larger than " + MAX_BODY_BYTES + " bytes");
                }
                return new CallbackResponse(response.statusCode(), bytes);
            }
        } catch (HttpTimeoutException e) {
            throw new CallbackException("no response within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new CallbackException(e.getClass().getSimpleName() + detail, e);
        }
    }

    private static URI withQuery(URI url, String form) {
        String separator = url.getRawQuery() == null ? "?" : "&";
        return URI.create(url + separator + form);
    }

    private static String formEncode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Plivo's nonces are 20 decimal digits; they need to be unique, not secret. */
    static String nonce() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return tenDigits(random.nextLong(TEN_DIGITS)) + tenDigits(random.nextLong(TEN_DIGITS));
    }

    /** Zero-padded by hand: {@code String.format} parses its pattern on every call, three times per call placed. */
    private static String tenDigits(long value) {
        String digits = Long.toString(value);
        return "0".repeat(10 - digits.length()) + digits;
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
