package dev.voiceotp.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** The test vector the Standard Webhooks reference libraries publish: what says theirs verify ours. */
    @Test
    void shouldReproduceTheStandardWebhooksTestVector() {
        assertThat(new WebhookSignature(List.of(SECRET)).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldSignWithEverySecretWhileOneIsRotated() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

        String header = new WebhookSignature(List.of(SECRET, other)).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");

        String byOtherAlone = new WebhookSignature(List.of(other)).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");
        assertThat(header.split(" ")).containsExactly("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", byOtherAlone);
        assertThat(byOtherAlone).isNotEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldRefuseASecretThatIsNotWhsecBase64OrTooShortWithoutNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignature.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .withMessageNotContaining("MfKQ9r8G");
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignature.key("whsec_not base64!"));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignature.key("whsec_c2hvcnQ="))
                .withMessageContaining("24 random bytes");
    }
}
