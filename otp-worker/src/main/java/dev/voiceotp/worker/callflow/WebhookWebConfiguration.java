package dev.voiceotp.worker.callflow;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Web plumbing of the webhooks: nonces are given back after failed callbacks, and a replayed callback is
 * answered 200 with an empty document (Plivo, and anyone replaying, sees success; nothing happened), ahead
 * of the shared problem handling.
 */
@Configuration(proxyBeanMethods = false)
class WebhookWebConfiguration implements WebMvcConfigurer {

    private final CallbackNonces nonces;

    WebhookWebConfiguration(CallbackNonces nonces) {
        this.nonces = nonces;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(nonces).addPathPatterns("/plivo/**");
    }

    @RestControllerAdvice(basePackageClasses = WebhookWebConfiguration.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class ReplayedCallbacks {

        @ExceptionHandler(ReplayedCallbackException.class)
        ResponseEntity<String> replayed() {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body("<Response></Response>");
        }
    }
}
