package dev.voiceotp.sandbox.api;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Stamps when an API request arrived, before its credentials are checked and its body is read: Plivo counts a call
 * against the account's calls per second at the request's arrival. The PHLO runner's annotated controller binds its
 * body before its method runs, so the stamp is taken here and handed to it as the request attribute
 * {@value #ATTRIBUTE}; the Call API route stamps its own arrival first thing ({@link CallApiHandler}).
 */
class ArrivalStamp implements HandlerInterceptor {

    static final String ATTRIBUTE = "dev.voiceotp.sandbox.arrivedAt";

    private final Clock clock;

    ArrivalStamp(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(ATTRIBUTE, clock.instant());
        return true;
    }
}
