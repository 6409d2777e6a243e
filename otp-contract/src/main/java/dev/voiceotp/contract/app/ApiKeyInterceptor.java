package dev.voiceotp.contract.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses API requests without a known bearer key (401) and remembers the caller's app for the handler. */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String APP_ATTRIBUTE = ProducerApp.class.getName();

    private final ApiKeyAuthenticator authenticator;

    ApiKeyInterceptor(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ProducerApp app = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION))
                .orElseThrow(ApiKeyInterceptor::unauthorized);
        request.setAttribute(APP_ATTRIBUTE, app);
        return true;
    }

    private static ErrorResponseException unauthorized() {
        ErrorResponseException problem = new ErrorResponseException(HttpStatus.UNAUTHORIZED);
        problem.setDetail("A valid API key is required: send 'Authorization: Bearer <api-key>'.");
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problem;
    }
}
