package dev.voiceotp.contract.plivo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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
}
