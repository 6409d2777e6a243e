package dev.voiceotp.contract.plivo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plivo's V3 callback signature ({@code X-Plivo-Signature-V3}): HMAC-SHA256, keyed with the auth token,
 * over the URL, the parameters and a nonce.
 *
 * <p>Signed string for POST: {@code scheme://host[:port]/path?} + (the sorted query as {@code k=v&k=v} and
 * {@code .}, only when the URL has a query) + the sorted POST parameters written as name immediately
 * followed by value + {@code .} + nonce. For GET: {@code url?} + all query parameters sorted as
 * {@code k=v&k=v} + {@code .} + nonce. Plivo's docs and its Python and Node SDKs keep the port in the URL,
 * the Java SDK's validator drops it; {@link #matches} accepts both.
 */
public final class PlivoSignatureV3 {

    private PlivoSignatureV3() {
    }

    /** The signature of one callback, Base64. {@code url} may carry a query string. */
    public static String sign(String authToken, String method, String url, Map<String, String> postParams, String nonce) {
        URI uri = URI.create(url);
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        TreeMap<String, String> query = parseQuery(uri.getRawQuery());
        StringBuilder payload = new StringBuilder(base).append('?');
        if ("GET".equalsIgnoreCase(method)) {
            query.putAll(postParams);
            payload.append(joinQuery(query));
        } else {
            if (!query.isEmpty()) {
                payload.append(joinQuery(query)).append('.');
            }
            new TreeMap<>(postParams).forEach((name, value) -> payload.append(name).append(value));
        }
        payload.append('.').append(nonce);
        return Base64.getEncoder().encodeToString(hmac(authToken, payload.toString()));
    }

    /**
     * Whether a received signature header (one or several comma-separated signatures) matches the callback
     * under any of the accepted tokens, with or without the URL's port. Compares in constant time.
     */
    public static boolean matches(String signatureHeader, Collection<String> acceptedTokens, String method, String url,
            Map<String, String> postParams, String nonce) {
        if (signatureHeader == null || signatureHeader.isBlank() || nonce == null || nonce.isBlank()) {
            return false;
        }
        URI uri = URI.create(url);
        String withoutPort = uri.getPort() < 0 ? url
                : url.replaceFirst("^(" + uri.getScheme() + "://[^/:]+):" + uri.getPort(), "$1");
        boolean matched = false;
        for (String token : acceptedTokens) {
            byte[] withPortSignature = sign(token, method, url, postParams, nonce).getBytes(StandardCharsets.US_ASCII);
            byte[] withoutPortSignature = sign(token, method, withoutPort, postParams, nonce).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : signatureHeader.split(",")) {
                byte[] received = candidate.trim().getBytes(StandardCharsets.US_ASCII);
                // no early exit: every comparison runs, so timing says nothing about which part matched
                matched |= MessageDigest.isEqual(received, withPortSignature);
                matched |= MessageDigest.isEqual(received, withoutPortSignature);
            }
        }
        return matched;
    }

    private static TreeMap<String, String> parseQuery(String rawQuery) {
        TreeMap<String, String> query = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    private static String joinQuery(Map<String, String> sorted) {
        return sorted.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("&"));
    }

    private static byte[] hmac(String key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
