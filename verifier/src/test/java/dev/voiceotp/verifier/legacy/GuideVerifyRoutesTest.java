package dev.voiceotp.verifier.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.app.ProducerAppsProperties;

class GuideVerifyRoutesTest {

    private final ApiKeyAuthenticator apps = new ApiKeyAuthenticator(new ProducerAppsProperties(List.of(
            new ProducerAppsProperties.App("shop", "Shop", List.of(ApiKeyAuthenticator.sha256Hex("key"))))));

    @Test
    void shouldRefuseToStartBoundToAnAppThatIsNotConfigured() {
        assertThatIllegalStateException().isThrownBy(() -> GuideVerifyRoutes.requireConfiguredApp("shpo", apps))
                .withMessageContaining("voice-otp.verifier.legacy.app-id");
    }

    @Test
    void shouldBindToAConfiguredApp() {
        assertThat(GuideVerifyRoutes.requireConfiguredApp("shop", apps)).isEqualTo("shop");
    }
}
