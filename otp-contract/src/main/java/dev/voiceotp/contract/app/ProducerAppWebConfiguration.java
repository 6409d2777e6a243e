package dev.voiceotp.contract.app;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * API-key authentication for every {@code /v1/**} endpoint. A service imports it with
 * {@code @Import(ProducerAppWebConfiguration.class)}; controller methods then take a {@link ProducerApp}
 * parameter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProducerAppsProperties.class)
public class ProducerAppWebConfiguration implements WebMvcConfigurer {

    private final ApiKeyAuthenticator authenticator;

    public ProducerAppWebConfiguration(ProducerAppsProperties properties) {
        this.authenticator = new ApiKeyAuthenticator(properties);
    }

    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator() {
        return authenticator;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiKeyInterceptor(authenticator)).addPathPatterns("/v1/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ProducerAppArgumentResolver());
    }
}
