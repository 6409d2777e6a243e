package dev.voiceotp.sandbox.callback;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plivo's V3 callback signature, computed as Plivo's docs (and its Python and Node SDKs) describe it: the URL keeps
 * its port, unlike plivo-java's own validator, so the worker's check is tested against the documented form.
 * <p>
 * Signed string: {@code scheme://host[:port]/path?}, then for POST the sorted original query as {@code k=v&k=v.}
 * (only when there is one) followed by the POST parameters sorted by name, each as name then value; for GET all query
 * parameters sorted as {@code k=v&k=v}. Then {@code .nonce}. HMAC-SHA256 keyed with the auth token, Base64.
 */
public final class PlivoSignatureV3 {

    private PlivoSignatureV3() {
    }

    /**
     * @param url the callback URL as the application gave it; for GET it already carries the callback parameters
     * @param postParameters the form parameters of a POST (ignored for GET)
     */
    public static String sign(String authToken, CallbackMethod method, URI url, Map<String, String> postParameters,
            String nonce) {
        StringBuilder signed = new StringBuilder(baseUrl(url)).append('?');
        String query = sortedQuery(url);
        if (method == CallbackMethod.GET) {
            signed.append(query);
        } else {
            if (!query.isEmpty()) {
                signed.append(query).append('.');
            }
            new TreeMap<>(postParameters).forEach((name, value) -> signed.append(name).append(value));
        }
        signed.append('.').append(nonce);
        return hmacSha256(authToken, signed.toString());
    }

    private static String baseUrl(URI url) {
        String port = url.getPort() == -1 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + url.getRawPath();
    }

    private static String sortedQuery(URI url) {
        String rawQuery = url.getRawQuery();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(pair -> URLDecoder.decode(pair, StandardCharsets.UTF_8))
                .map(pair -> pair.contains("=") ? pair : pair + "=")
                .sorted()
                .collect(Collectors.joining("&"));
    }

    private static String hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
