package dev.voiceotp.contract.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RecordSignatureTest {

    private static final String SECRET = "record-signature-test-secret-of-32+";
    private static final byte[] VALUE = "{\"verificationId\":\"v\",\"phoneNumber\":\"+14155550123\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldAcceptTheSignatureOfTheSameSecretOverTheSameBytes() {
        RecordSignature signature = RecordSignature.withSecret(SECRET);

        assertThat(signature.matches(signature.sign(VALUE), VALUE)).isTrue();
        assertThat(new String(signature.sign(VALUE), StandardCharsets.US_ASCII)).startsWith("v1=").doesNotContain("+14155550123");
    }

    @Test
    void shouldRefuseAnotherSecretAChangedValueAndNoSignature() {
        RecordSignature signature = RecordSignature.withSecret(SECRET);
        byte[] changed = new String(VALUE, StandardCharsets.UTF_8).replace("0123", "0999").getBytes(StandardCharsets.UTF_8);

        assertThat(RecordSignature.withSecret(SECRET + "x").matches(signature.sign(VALUE), VALUE)).isFalse();
        assertThat(signature.matches(signature.sign(VALUE), changed)).isFalse();
        assertThat(signature.matches(null, VALUE)).isFalse();
    }

    @Test
    void shouldAcceptAnyOfSeveralSecretsDuringARotation() {
        RecordSignature current = RecordSignature.withSecret(SECRET);
        RecordSignature previous = RecordSignature.withSecret("previous-record-signature-secret-32+");

        assertThat(RecordSignature.anyMatches(List.of(current, previous), previous.sign(VALUE), VALUE)).isTrue();
        assertThat(RecordSignature.anyMatches(List.of(current), previous.sign(VALUE), VALUE)).isFalse();
    }

    @Test
    void shouldSignExactlyTheBytesTheSerializerWrote() {
        RecordHeaders headers = new RecordHeaders();
        SigningSerializer<String> serializer = new SigningSerializer<>(new StringSerializer(), RecordSignature.withSecret(SECRET), "otp.requests.v1");

        byte[] value = serializer.serialize("otp.requests.v1", headers, "hello");
        RecordHeaders otherTopic = new RecordHeaders();
        serializer.serialize("otp.events.v1", otherTopic, "hello");

        assertThat(RecordSignature.withSecret(SECRET).matches(headers.lastHeader(RecordSignature.HEADER).value(), value)).isTrue();
        assertThat(headers.headers(RecordSignature.HEADER)).hasSize(1);
        assertThat(otherTopic.lastHeader(RecordSignature.HEADER)).isNull();
    }

    @Test
    void shouldAcceptOnlyTheGatewayOnRequestsAndOnlyTheAppItselfOnDirectRequests() {
        String bank = "bank-own-record-secret-of-32-chars+";
        RecordSigningProperties properties = new RecordSigningProperties(SECRET, List.of(), Map.of("bank", List.of(bank)));
        RecordVerifier requests = properties.gatewayVerifier();
        RecordVerifier direct = properties.appVerifier(List.of("bank", "shop"));
        RecordHeaders signedByBank = signed(RecordSignature.withSecret(bank));
        RecordHeaders signedByGateway = signed(RecordSignature.withSecret(SECRET));

        assertThat(requests.isAuthentic("bank", signedByGateway, VALUE)).isTrue();
        assertThat(requests.isAuthentic("bank", signedByBank, VALUE)).isFalse();
        assertThat(direct.isAuthentic("bank", signedByBank, VALUE)).isTrue();
        assertThat(direct.isAuthentic("shop", signedByBank, VALUE)).isFalse();
        assertThat(direct.isAuthentic("bank", signedByGateway, VALUE)).isFalse();
        assertThat(direct.isAuthentic(null, signedByBank, VALUE)).isFalse();
    }

    private static RecordHeaders signed(RecordSignature signature) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RecordSignature.HEADER, signature.sign(VALUE));
        return headers;
    }

    @Test
    void shouldCoverTheHeadersTheRelayBelieves() {
        RecordSignature signature = RecordSignature.withSecret(SECRET);
        RecordHeaders headers = new RecordHeaders();
        headers.add("voice-otp-region", "US".getBytes(StandardCharsets.UTF_8));
        byte[] signed = signature.sign(VALUE, headers);
        RecordHeaders added = new RecordHeaders(headers.toArray());
        added.add("voice-otp-replaces", "another-id".getBytes(StandardCharsets.UTF_8));
        RecordHeaders changed = new RecordHeaders();
        changed.add("voice-otp-region", "GB".getBytes(StandardCharsets.UTF_8));

        assertThat(signature.matches(signed, VALUE, headers)).isTrue();
        assertThat(signature.matches(signed, VALUE, added)).isFalse();
        assertThat(signature.matches(signed, VALUE, changed)).isFalse();
        assertThat(signature.matches(signed, VALUE, null)).isFalse();
    }

    @Test
    void shouldRefuseToSignWithoutALongEnoughSecret() {
        assertThatThrownBy(() -> new RecordSigningProperties("short", List.of(), Map.of()).signer()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OTP_RECORD_SIGNING_SECRET");
    }
}
