package dev.voiceotp.worker.callflow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.voiceotp.contract.web.PreparedBodies;

/**
 * Web plumbing of the webhooks. Plivo's callbacks are functional routes: a call's three or four callbacks reach
 * their handlers without annotation-driven argument resolution and return-value handling, which cost more than
 * the callbacks' own work. Nonces are given back after failed callbacks (the interceptor sees every route under
 * {@code /plivo/}), and a replayed callback is answered 200 with an empty document (Plivo, and anyone replaying,
 * sees success; nothing happened) before the shared problem handling sees it.
 */
@Configuration(proxyBeanMethods = false)
class WebhookWebConfiguration implements WebMvcConfigurer {

    static final String ANSWER = "/plivo/answer/{token}";
    static final String RING = "/plivo/ring/{token}";
    static final String HANGUP = "/plivo/hangup/{token}";
    static final String DIGITS = "/plivo/digits/{token}/{step}";

    private final CallbackNonces nonces;

    WebhookWebConfiguration(CallbackNonces nonces) {
        this.nonces = nonces;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(nonces).addPathPatterns("/plivo/**");
    }

    @Bean
    RouterFunction<ServerResponse> plivoCallbacks(PlivoWebhookHandler calls, PlivoDigitsHandler digits) {
        return RouterFunctions.route()
                .POST(ANSWER, calls::answer)
                .POST(RING, calls::ring)
                .POST(HANGUP, calls::hangup)
                .POST(DIGITS, digits::digits)
                .onError(ReplayedCallbackException.class, (replayed, request) -> PreparedBodies.xml("<Response></Response>"))
                .build();
    }
}
