package dev.voiceotp.contract.plivo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class PlivoSignatureV3Test {

    private static final Map<String, String> PARAMS = Map.of(
            "CallStatus", "in-progress", "CallUUID", "abc", "From", "14155550100", "To", "14155550111");

    @Test
    void shouldMatchPlivosPublishedVectorWithPort() {
        assertThat(PlivoSignatureV3.sign("tok", "POST", "http://localhost:8080/answer", PARAMS, "12345"))
                .isEqualTo("tXIzF7+XYZCtHV9S0Kilq7z02/BO1QqoqSv222w7Ses=");
    }

    @Test
    void shouldMatchTheJavaSdksVectorWithoutPort() {
        assertThat(PlivoSignatureV3.sign("tok", "POST", "http://localhost/answer", PARAMS, "12345"))
                .isEqualTo("FkWV8bGadKthfRtVqB9XSwxFHKVGYVChLK8MGuXLOe0=");
    }

    @Test
    void shouldAcceptEitherFormAndAnyOfSeveralSignaturesAndTokens() {
        String withoutPort = "FkWV8bGadKthfRtVqB9XSwxFHKVGYVChLK8MGuXLOe0=";
        assertThat(PlivoSignatureV3.matches("garbage, " + withoutPort, List.of("old-token", "tok"), "POST",
                "http://localhost:8080/answer", PARAMS, "12345")).isTrue();
    }

    @Test
    void shouldMatchNothingForAUrlItCannotReadInsteadOfFailing() {
        String valid = "tXIzF7+XYZCtHV9S0Kilq7z02/BO1QqoqSv222w7Ses=";
        assertThat(PlivoSignatureV3.matches(valid, List.of("tok"), "POST", "http://localhost:8080/answer?replays=%zz", PARAMS, "12345"))
                .isFalse();
        assertThat(PlivoSignatureV3.matches(valid, List.of("tok"), "POST", "http://localhost:8080/an swer", PARAMS, "12345")).isFalse();
    }

    @Test
    void shouldRejectAChangedParameterNonceOrToken() {
        String valid = "tXIzF7+XYZCtHV9S0Kilq7z02/BO1QqoqSv222w7Ses=";
        String url = "http://localhost:8080/answer";
        assertThat(PlivoSignatureV3.matches(valid, List.of("tok"), "POST", url, Map.of("CallStatus", "completed"), "12345")).isFalse();
        assertThat(PlivoSignatureV3.matches(valid, List.of("tok"), "POST", url, PARAMS, "12346")).isFalse();
        assertThat(PlivoSignatureV3.matches(valid, List.of("other"), "POST", url, PARAMS, "12345")).isFalse();
        assertThat(PlivoSignatureV3.matches("", List.of("tok"), "POST", url, PARAMS, "12345")).isFalse();
    }

    @Test
    void shouldMatchAUrlWithoutPortAndDropTheOnlyPortOfAnIpv6Literal() {
        String noPort = PlivoSignatureV3.sign("tok", "POST", "https://example.com/answer", PARAMS, "12345");
        assertThat(PlivoSignatureV3.matches(noPort, List.of("tok"), "POST", "https://example.com/answer", PARAMS, "12345")).isTrue();

        String ipv6WithoutPort = PlivoSignatureV3.sign("tok", "POST", "http://[::1]/answer", PARAMS, "12345");
        assertThat(PlivoSignatureV3.matches(ipv6WithoutPort, List.of("tok"), "POST", "http://[::1]:8081/answer", PARAMS, "12345")).isTrue();
        assertThat(PlivoSignatureV3.matches(ipv6WithoutPort, List.of("tok"), "POST", "http://[::2]:8081/answer", PARAMS, "12345")).isFalse();
    }

    @Test
    void shouldSignAGetsQueryAndParametersTogetherInOrder() {
        String get = PlivoSignatureV3.sign("tok", "GET", "http://localhost:8080/answer?b=2", Map.of("a", "1"), "12345");
        assertThat(get).isEqualTo(PlivoSignatureV3.sign("tok", "GET", "http://localhost:8080/answer?a=1&b=2", Map.of(), "12345"));
    }

    @Test
    void shouldSignTheQueryOfAPostSeparately() {
        String withQuery = PlivoSignatureV3.sign("tok", "POST", "http://localhost:8080/answer?b=2&a=1", PARAMS, "12345");
        assertThat(withQuery).isNotEqualTo(PlivoSignatureV3.sign("tok", "POST", "http://localhost:8080/answer", PARAMS, "12345"));
        assertThat(PlivoSignatureV3.matches(withQuery, List.of("tok"), "POST", "http://localhost:8080/answer?b=2&a=1", PARAMS, "12345")).isTrue();
    }

    @Test
    void shouldSignRightUnderManyTokensAtOnceBeyondTheKeysItKeeps() throws Exception {
        // keyed Macs are kept for a few tokens and cloned per signature: many threads, more tokens than are kept,
        // and each signature must still be the HMAC under its own token
        List<String> tokens = IntStream.range(0, 20).mapToObj(i -> "token-" + i).toList();
        List<Callable<Boolean>> signings = IntStream.range(0, 400).<Callable<Boolean>>mapToObj(i -> () -> {
            String token = tokens.get(i % tokens.size());
            String nonce = Integer.toString(i);
            return PlivoSignatureV3.sign(token, "POST", "http://localhost:8080/answer", PARAMS, nonce)
                    .equals(hmacSha256(token, "http://localhost:8080/answer?CallStatusin-progressCallUUIDabcFrom14155550100To14155550111." + nonce));
        }).toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> signed : threads.invokeAll(signings)) {
                assertThat(signed.get()).isTrue();
            }
        }
    }

    private static String hmacSha256(String key, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
