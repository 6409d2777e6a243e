package dev.voiceotp.sandbox.callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.plivo.PlivoSignatureV3;
import dev.voiceotp.sandbox.SandboxProperties;

/**
 * Sends a callback the way Plivo does: form parameters in the body (POST) or the query (GET), V3 signature headers
 * with a fresh nonce (one signature per signing token during a rotation), and a bounded wait, so a slow or silent
 * application fails the call instead of hanging it. Signing and sending are separate steps so a signed callback can
 * be replayed byte for byte.
 *
 * <p>Sent with the JDK's blocking {@link HttpURLConnection} (HTTP/1.1 like Plivo, kept-alive connections reused, no
 * proxy, no redirects) on the call's own virtual thread: the JDK's asynchronous {@code HttpClient} took about a
 * third of the sandbox's CPU for the three callbacks of a call, in its hand-offs between threads and a reflective
 * filter chain built for every request. The JDK's cache of kept-alive connections holds at most five per application
 * unless told otherwise: {@link #keepConnectionsAlive()} raises that before the first callback.
 *
 * <p>A POST's form is handed over whole, not streamed: before it reuses a kept-alive connection for a streamed POST,
 * the JDK probes it with a 1 ms read that ends in a {@code SocketTimeoutException} when the connection is good, which
 * cost every POST callback a millisecond and the sandbox about 8 % of its CPU (bench/README.md). Unstreamed, a
 * POST that finds its kept-alive connection closed by the application is sent once more by the JDK on a new
 * connection; so is one whose connection breaks before the answer's first line (the JDK's
 * {@code sun.net.http.retryPost}, on by default), with the same nonce, which an application that already took it
 * answers as a replay, without effect. A timeout is never sent again.
 */
@Component
public class CallbackClient {

    /** Plivo reads at most 100 KB of answer XML. */
    public static final int MAX_BODY_BYTES = 100 * 1024;
    private static final long TEN_DIGITS = 10_000_000_000L;
    /** The JDK's system property for the idle connections it keeps per destination (default 5). */
    static final String MAX_KEPT_CONNECTIONS_PROPERTY = "http.maxConnections";
    static final int MAX_KEPT_CONNECTIONS = 256;

    private final List<String> signingTokens;
    private final int timeoutMillis;

    CallbackClient(SandboxProperties properties) {
        this.signingTokens = properties.signingTokens();
        this.timeoutMillis = Math.toIntExact(Math.max(1, properties.callbackTimeout().toMillis()));
    }

    /**
     * Lets the JDK keep up to {@value #MAX_KEPT_CONNECTIONS} idle connections per application instead of five, unless
     * {@code http.maxConnections} is set already. A busy sandbox has far more callbacks in flight than five: with the
     * default, every connection beyond the fifth was closed after one callback, so about one callback in six paid a
     * TCP connect and an accept on both sides (bench/README.md). The JDK reads the property once, when its cache
     * first takes a connection, so this runs before the application starts.
     */
    public static void keepConnectionsAlive() {
        if (System.getProperty(MAX_KEPT_CONNECTIONS_PROPERTY) == null) {
            System.setProperty(MAX_KEPT_CONNECTIONS_PROPERTY, Integer.toString(MAX_KEPT_CONNECTIONS));
        }
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

    /**
     * @throws InterruptedException when the sending thread was interrupted (the sandbox stopping its calls): the
     *     connection's blocked read or write ends with an I/O error then, which is not the application's failure
     */
    public CallbackResponse send(SignedCallback callback) throws CallbackException, InterruptedException {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) callback.target().toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(timeoutMillis);
            // the wait for the answer: each read of it, the status line and headers first
            connection.setReadTimeout(timeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("User-Agent", "PlivoSandbox/1.0");
            connection.setRequestProperty("X-Plivo-Signature-V3", callback.signatures());
            connection.setRequestProperty("X-Plivo-Signature-Ma-V3", callback.signatures());
            connection.setRequestProperty("X-Plivo-Signature-V3-Nonce", callback.nonce());
            if (callback.form() != null) {
                byte[] form = callback.form().getBytes(StandardCharsets.UTF_8);
                connection.setRequestMethod("POST");
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                connection.setDoOutput(true);
                // not streamed (see the class comment): no probe of a kept-alive connection before the POST
                try (OutputStream body = connection.getOutputStream()) {
                    body.write(form);
                }
            }
            int status = connection.getResponseCode();
            return new CallbackResponse(status, body(connection, status));
        } catch (SocketTimeoutException e) {
            disconnect(connection);
            throw new CallbackException("no response within " + timeoutMillis + " ms", e);
        } catch (IOException | IllegalArgumentException e) {
            disconnect(connection);
            if (Thread.interrupted()) {
                InterruptedException interrupted = new InterruptedException("interrupted while sending a callback");
                interrupted.initCause(e);
                throw interrupted;
            }
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new CallbackException(e.getClass().getSimpleName() + detail, e);
        }
    }

    /** The answer's body, read to its end so that its connection is reused (an error answer's too). */
    private static byte[] body(HttpURLConnection connection, int status) throws IOException, CallbackException {
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return new byte[0];
        }
        try (InputStream body = stream) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                connection.disconnect();
                throw new CallbackException("response body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private static void disconnect(@Nullable HttpURLConnection connection) {
        if (connection != null) {
            connection.disconnect();
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
}
