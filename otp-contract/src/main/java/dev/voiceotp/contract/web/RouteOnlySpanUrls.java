package dev.voiceotp.contract.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.common.KeyValue;

/**
 * The {@code http.url} of every HTTP server span is the route that matched ({@code /verify_otp/{number}/{code}}),
 * never the request's path: paths carry phone numbers and, on the guide's verify route, the code itself, and a
 * tracing backend keeps them for as long as it keeps traces. Spring's default conventions copy the whole path;
 * these differ from them only there. Boot's web observation picks the convention bean up (servlet and reactive).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration",
        "org.springframework.boot.webflux.autoconfigure.WebFluxObservationAutoConfiguration"})
public final class RouteOnlySpanUrls {

    /** What {@code http.url} says for a request that matched no route (a 404, or refused before routing). */
    static final String NO_ROUTE = "UNKNOWN";

    private static final String HTTP_URL = "http.url";

    static String urlOf(@Nullable String route) {
        return route == null || route.isEmpty() ? NO_ROUTE : route;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.filter.ServerHttpObservationFilter")
    static final class Servlet {

        @Bean
        org.springframework.http.server.observation.ServerRequestObservationConvention routeOnlyServerRequestObservationConvention() {
            return new org.springframework.http.server.observation.DefaultServerRequestObservationConvention() {
                @Override
                protected KeyValue httpUrl(org.springframework.http.server.observation.ServerRequestObservationContext context) {
                    return KeyValue.of(HTTP_URL, urlOf(context.getPathPattern()));
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    static final class Reactive {

        @Bean
        org.springframework.http.server.reactive.observation.ServerRequestObservationConvention routeOnlyServerRequestObservationConvention() {
            return new org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention() {
                @Override
                protected KeyValue httpUrl(org.springframework.http.server.reactive.observation.ServerRequestObservationContext context) {
                    return KeyValue.of(HTTP_URL, urlOf(context.getPathPattern()));
                }
            };
        }
    }
}
