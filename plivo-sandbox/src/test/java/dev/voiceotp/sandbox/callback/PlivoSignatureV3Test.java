package dev.voiceotp.sandbox.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class PlivoSignatureV3Test {

    private static final Map<String, String> ANSWER_PARAMETERS = Map.of(
            "To", "14155550111", "From", "14155550100", "CallUUID", "abc", "CallStatus", "in-progress");

    @Test
    void shouldMatchTheDocumentedVectorWithThePortKept() {
        String signature = PlivoSignatureV3.sign("tok", CallbackMethod.POST, URI.create("http://localhost:8080/answer"),
                ANSWER_PARAMETERS, "12345");

        assertThat(signature).isEqualTo("tXIzF7+XYZCtHV9S0Kilq7z02/BO1QqoqSv222w7Ses=");
    }

    @Test
    void shouldMatchTheDocumentedVectorForAUrlWithoutPort() {
        String signature = PlivoSignatureV3.sign("tok", CallbackMethod.POST, URI.create("http://localhost/answer"),
                ANSWER_PARAMETERS, "12345");

        assertThat(signature).isEqualTo("FkWV8bGadKthfRtVqB9XSwxFHKVGYVChLK8MGuXLOe0=");
    }

    @Test
    void shouldSignThePostsSortedQueryBeforeItsParameters() {
        String signature = PlivoSignatureV3.sign("tok", CallbackMethod.POST,
                URI.create("https://app.example/plivo/answer?b=2&a=x%20y"), Map.of("To", "1", "From", "2"), "99");

        assertThat(signature).isEqualTo(hmac("tok", "https://app.example/plivo/answer?a=x y&b=2.From2To1.99"));
    }

    @Test
    void shouldSignAGetOverAllItsQueryParametersSorted() {
        String signature = PlivoSignatureV3.sign("tok", CallbackMethod.GET,
                URI.create("http://localhost:9000/hangup?To=14155550111&CallStatus=completed"), Map.of(), "7");

        assertThat(signature).isEqualTo(hmac("tok", "http://localhost:9000/hangup?CallStatus=completed&To=14155550111.7"));
    }

    private static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
