package dev.voiceotp.sandbox.api;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.voiceotp.sandbox.SandboxProperties;

/**
 * Puts Basic auth in front of every Plivo API path: the PHLO runs through the interceptor, the Call API route
 * ({@link CallApiHandler}) checks it itself, first thing, so that its refusal is answered in Plivo's shape there too.
 * Before the auth, a PHLO run's arrival is stamped ({@link ArrivalStamp}).
 */
@Configuration(proxyBeanMethods = false)
class PlivoApiWebConfiguration implements WebMvcConfigurer {

    // the SDK posts to ".../Call/"; the trailing slash is optional here, as Spring no longer matches it implicitly
    static final String CALL = "/v1/Account/{authId}/Call/";
    static final String CALL_WITHOUT_SLASH = "/v1/Account/{authId}/Call";
    static final String PHLO_RUN = "/v1/account/{authId}/phlo/**";

    private final PlivoAuthInterceptor auth;
    private final ArrivalStamp arrival;

    PlivoApiWebConfiguration(SandboxProperties properties, Clock clock) {
        this.auth = new PlivoAuthInterceptor(properties);
        this.arrival = new ArrivalStamp(clock);
    }

    @Bean
    PlivoAuthInterceptor plivoAuth() {
        return auth;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(arrival).addPathPatterns(PHLO_RUN);
        registry.addInterceptor(auth).addPathPatterns("/v1/**").excludePathPatterns(CALL, CALL_WITHOUT_SLASH);
    }

    @Bean
    RouterFunction<ServerResponse> callApi(CallApiHandler handler) {
        return RouterFunctions.route()
                .POST(CALL, handler::create)
                .POST(CALL_WITHOUT_SLASH, handler::create)
                .onError(PlivoApiException.class, (refused, request) -> PlivoApiErrors.of((PlivoApiException) refused))
                .build();
    }
}
