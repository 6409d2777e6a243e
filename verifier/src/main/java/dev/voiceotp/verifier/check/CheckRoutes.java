package dev.voiceotp.verifier.check;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The check endpoints as functional routes: matched by path and method and handed straight to the handler, without
 * annotation-driven argument resolution or message-converter lookups on every check.
 */
@Configuration(proxyBeanMethods = false)
class CheckRoutes {

    static final String CHECK_BY_ID = "/v1/verifications/{id}/checks";
    static final String CHECK_BY_NUMBER = "/v1/verification-checks";

    @Bean
    RouterFunction<ServerResponse> checkRouter(CheckHandler handler) {
        return RouterFunctions.route()
                .POST(CHECK_BY_ID, handler::checkById)
                .POST(CHECK_BY_NUMBER, handler::checkByNumber)
                .build();
    }
}
