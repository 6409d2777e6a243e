package dev.voiceotp.contract.plivo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.voiceotp.contract.hmac.HmacSha256;


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

    /**
     * An account signs with one auth token, or two while one is rotated out; a process that meets more tokens than
     * this sets up the key for each signature of the others.
     */
    private static final int MAX_KEYS = 8;
    /** The key of each auth token met, set up once (see {@link HmacSha256}). */
    private static final Map<String, HmacSha256> KEYS = new ConcurrentHashMap<>();

    private PlivoSignatureV3() {
    }

    /** The signature of one callback, Base64. {@code url} may carry a query string. */
    public static String sign(String authToken, String method, String url, Map<String, String> postParams, String nonce) {
        SignedUrl signed = SignedUrl.of(url);
        return signature(authToken, signed.withPort() + signed.rest(method, postParams, nonce));
    }

    /**
     * Whether a received signature header (one or several comma-separated signatures) matches the callback
     * under any of the accepted tokens, with or without the URL's port. Compares in constant time. A URL that cannot
     * be read (a malformed escape in its query, say) matches nothing: Plivo signs only the URLs it was given.
     */
    public static boolean matches(String signatureHeader, Collection<String> acceptedTokens, String method, String url,
            Map<String, String> postParams, String nonce) {
        if (signatureHeader == null || signatureHeader.isBlank() || nonce == null || nonce.isBlank()) {
            return false;
        }
        SignedUrl signed;
        try {
            signed = SignedUrl.of(url);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
        String rest = signed.rest(method, postParams, nonce);
        String[] candidates = signatureHeader.split(",");
        boolean matched = false;
        for (String token : acceptedTokens) {
            byte[] withPortSignature = signature(token, signed.withPort() + rest).getBytes(StandardCharsets.US_ASCII);
            // a URL without a port (Plivo's usual https://host/...) has one form: one HMAC, not the same one twice
            byte[] withoutPortSignature = signed.withoutPort().equals(signed.withPort()) ? withPortSignature
                    : signature(token, signed.withoutPort() + rest).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : candidates) {
                byte[] received = candidate.trim().getBytes(StandardCharsets.US_ASCII);
                // no early exit: every comparison runs, so timing says nothing about which part matched
                matched |= MessageDigest.isEqual(received, withPortSignature);
                matched |= MessageDigest.isEqual(received, withoutPortSignature);
            }
        }
        return matched;
    }

    /**
     * A callback URL read once: its base ({@code scheme://authority/path}) as called and without the port, and its
     * query.
     */
    private record SignedUrl(String withPort, String withoutPort, TreeMap<String, String> query) {

        static SignedUrl of(String url) {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String withPort = uri.getScheme() + "://" + uri.getRawAuthority() + path;
            String withoutPort = uri.getPort() < 0 ? withPort : uri.getScheme() + "://" + hostOf(uri.getRawAuthority()) + path;
            return new SignedUrl(withPort, withoutPort, parseQuery(uri.getRawQuery()));
        }

        /** What follows the base in the signed string: the query and parameters as Plivo writes them, and the nonce. */
        String rest(String method, Map<String, String> postParams, String nonce) {
            StringBuilder payload = new StringBuilder("?");
            if ("GET".equalsIgnoreCase(method)) {
                TreeMap<String, String> all = new TreeMap<>(query);
                all.putAll(postParams);
                payload.append(joinQuery(all));
            } else {
                if (!query.isEmpty()) {
                    payload.append(joinQuery(query)).append('.');
                }
                new TreeMap<>(postParams).forEach((name, value) -> payload.append(name).append(value));
            }
            return payload.append('.').append(nonce).toString();
        }

        /** The authority without its port ({@code user@host} kept, an IPv6 literal's brackets too). */
        private static String hostOf(String authority) {
            return authority.substring(0, authority.lastIndexOf(':'));
        }
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

    private static String signature(String authToken, String signedString) {
        return Base64.getEncoder().encodeToString(hmac(authToken, signedString));
    }

    private static byte[] hmac(String authToken, String payload) {
        HmacSha256 key = KEYS.get(authToken);
        if (key == null) {
            key = new HmacSha256(authToken.getBytes(StandardCharsets.UTF_8));
            if (KEYS.size() < MAX_KEYS) {
                KEYS.putIfAbsent(authToken, key);
            }
        }
        return key.newMac().doFinal(payload.getBytes(StandardCharsets.UTF_8));
    }
}
