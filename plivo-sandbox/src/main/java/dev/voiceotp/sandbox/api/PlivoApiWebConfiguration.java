package dev.voiceotp.sandbox.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.voiceotp.sandbox.SandboxProperties;

/** Puts Basic auth in front of every Plivo API path: calls and PHLO runs. */
@Configuration(proxyBeanMethods = false)
class PlivoApiWebConfiguration implements WebMvcConfigurer {

    private final SandboxProperties properties;

    PlivoApiWebConfiguration(SandboxProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PlivoAuthInterceptor(properties)).addPathPatterns("/v1/**");
    }
}
