package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.voiceotp.gateway.ApiGatewayApplication;
import dev.voiceotp.gateway.GatewayIntegrationTest;

/**
 * The unauthenticated guide endpoint must not start without naming a configured producer app, without a country
 * allow-list of its own and without the per-address limit.
 */
class LegacyConfigurationTest {

    private static final String ALLOW_US = "--voice-otp.gateway.legacy.allowed-countries=US";

    @Test
    void shouldRefuseToStartWhenTheLegacyAppIsNotConfigured() {
        assertThatThrownBy(() -> start("--voice-otp.gateway.legacy.app-id=nobody", ALLOW_US))
                .rootCause().hasMessageContaining("voice-otp.gateway.legacy.app-id 'nobody' names no app");
    }

    @Test
    void shouldRefuseToStartWhenTheLegacyAppIsMissing() {
        assertThatThrownBy(() -> start(ALLOW_US))
                .rootCause().hasMessageContaining("app-id is required when the legacy endpoint is enabled");
    }

    @Test
    void shouldRefuseToStartWithoutACountryAllowList() {
        assertThatThrownBy(() -> start("--voice-otp.gateway.legacy.app-id=shop"))
                .rootCause().hasMessageContaining("voice-otp.gateway.legacy.allowed-countries must list the countries");
    }

    @Test
    void shouldRefuseToStartWithThePerAddressLimitOff() {
        assertThatThrownBy(() -> start("--voice-otp.gateway.legacy.app-id=shop", ALLOW_US, "--voice-otp.gateway.limits.ip.capacity=0"))
                .rootCause().hasMessageContaining("voice-otp.gateway.limits.ip must be on");
    }

    private static void start(String... extraArgs) {
        String[] args = new String[extraArgs.length + 8];
        args[0] = "--voice-otp.code.hmac-secret=" + GatewayIntegrationTest.HMAC_SECRET;
        args[1] = "--voice-otp.apps[0].id=shop";
        args[2] = "--voice-otp.apps[0].name=Shop";
        args[3] = "--voice-otp.apps[0].api-key-sha256[0]=" + GatewayIntegrationTest.SHOP_KEY_SHA256;
        args[4] = "--voice-otp.gateway.legacy.enabled=true";
        args[5] = "--spring.kafka.admin.auto-create=false";
        args[6] = "--spring.main.banner-mode=off";
        args[7] = "--voice-otp.records.signing-secret=" + GatewayIntegrationTest.RECORD_SECRET;
        System.arraycopy(extraArgs, 0, args, 8, extraArgs.length);
        new SpringApplicationBuilder(ApiGatewayApplication.class).web(WebApplicationType.NONE).run(args).close();
    }
}
