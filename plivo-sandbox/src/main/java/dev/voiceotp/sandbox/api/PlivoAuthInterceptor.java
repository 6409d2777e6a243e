package dev.voiceotp.sandbox.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import dev.voiceotp.sandbox.SandboxProperties;

/**
 * HTTP Basic auth on every Plivo API path, checked before the body is read, as Plivo does: 401 for wrong or missing
 * credentials, 404 when the account in the path is not the authenticated one.
 */
class PlivoAuthInterceptor implements HandlerInterceptor {

    private final byte[] authId;
    private final byte[] authToken;

    PlivoAuthInterceptor(SandboxProperties properties) {
        this.authId = properties.authId().getBytes(StandardCharsets.UTF_8);
        this.authToken = properties.authToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        check(request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                        && variables.get("authId") instanceof String pathAuthId ? pathAuthId : null);
        return true;
    }

    /** Refuses wrong or missing credentials (401), then an account in the path that is not theirs (404). */
    void check(@Nullable String authorization, @Nullable String pathAuthId) {
        if (!authenticated(authorization)) {
            throw new PlivoApiException(HttpStatus.UNAUTHORIZED, "Authentication credentials were missing or incorrect.");
        }
        if (pathAuthId != null && !MessageDigest.isEqual(authId, pathAuthId.getBytes(StandardCharsets.UTF_8))) {
            throw new PlivoApiException(HttpStatus.NOT_FOUND, "The account in the path was not found.");
        }
    }

    private boolean authenticated(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // both compared, always, in constant time: the answer must not reveal which part was wrong
        boolean idMatches = MessageDigest.isEqual(authId, credentials.substring(0, colon).getBytes(StandardCharsets.UTF_8));
        boolean tokenMatches = MessageDigest.isEqual(authToken, credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return idMatches & tokenMatches;
    }
}
