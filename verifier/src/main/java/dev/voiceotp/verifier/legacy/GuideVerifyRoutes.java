package dev.voiceotp.verifier.legacy;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.verifier.VerifierProperties;
import dev.voiceotp.verifier.check.CodeChecker;
import dev.voiceotp.verifier.web.ClientAddresses;

/**
 * {@code GET /verify_otp/{number}/{code}} as in Plivo's guide, served only when
 * {@code voice-otp.verifier.legacy.enabled} is set.
 *
 * <p>Off by default, because it trades away what the API protects: the code travels in the URL (keep access
 * logs off in front of it) and anyone who can reach it may spend the bound app's attempts. It goes through the
 * same atomic check as the API, so attempts, locking and single use still hold.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("voice-otp.verifier.legacy.enabled")
class GuideVerifyRoutes {

    static final String VERIFY = "/verify_otp/{number}/{code}";

    @Bean
    RouterFunction<ServerResponse> guideVerifyRoute(CodeChecker checker, ClientAddresses clients, VerifierProperties properties,
            ApiKeyAuthenticator apps) {
        GuideVerifyHandler handler = new GuideVerifyHandler(checker, clients, requireConfiguredApp(properties.legacy().appId(), apps));
        return RouterFunctions.route().GET(VERIFY, handler::verify).build();
    }

    /** Fails startup rather than answering "codes do not match" forever for a misspelt app id. */
    static String requireConfiguredApp(@Nullable String appId, ApiKeyAuthenticator apps) {
        if (appId == null || apps.appById(appId).isEmpty()) {
            throw new IllegalStateException("voice-otp.verifier.legacy.app-id must name an app configured in voice-otp.apps, got: " + appId);
        }
        return appId;
    }
}
