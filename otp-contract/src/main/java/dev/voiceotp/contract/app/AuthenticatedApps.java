package dev.voiceotp.contract.app;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The producer app the API key interceptor authenticated for a request: for handlers that take the request itself
 * (functional routes) instead of a {@link ProducerApp} parameter.
 */
public final class AuthenticatedApps {

    private AuthenticatedApps() {
    }

    /** The request's app; fails when the interceptor did not run for it (a path outside {@code /v1/**}). */
    public static ProducerApp of(HttpServletRequest request) {
        if (request.getAttribute(ApiKeyInterceptor.APP_ATTRIBUTE) instanceof ProducerApp app) {
            return app;
        }
        throw new IllegalStateException("no producer app on the request: is the path covered by the API key interceptor?");
    }
}
