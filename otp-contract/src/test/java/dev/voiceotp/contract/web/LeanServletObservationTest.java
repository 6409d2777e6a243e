package dev.voiceotp.contract.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;

/** Spring observes only traced requests; every other one is timed into the same timers, with Spring's tags. */
class LeanServletObservationTest {

    private static final String SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String NOT_SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LeanServletObservation lean = new LeanServletObservation(meters, 0);

    @Test
    void shouldLetSpringObserveOnlyARequestInASampledTrace() {
        assertThat(lean.test("http.server.requests", context(callback(null)))).isFalse();
        assertThat(lean.test("http.server.requests", context(callback(NOT_SAMPLED)))).isFalse();
        assertThat(lean.test("http.server.requests", context(callback(SAMPLED)))).isTrue();
        assertThat(lean.test("spring.kafka.listener", new Observation.Context())).isTrue();
    }

    @Test
    void shouldTimeAnUntracedRequestWithSpringsTags() throws Exception {
        MockHttpServletRequest request = callback(null);
        MockHttpServletResponse response = new MockHttpServletResponse();

        lean.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/plivo/answer/{token}");
                res.setStatus(200);
            }
        }));

        Timer timer = meters.get("http.server.requests").tags("uri", "/plivo/answer/{token}", "method", "POST", "status", "200",
                "outcome", "SUCCESS", "exception", "none", "error", "none").timer();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void shouldPickRequestsWithoutTraceContextToStartTracesAndTellTheSampler() throws Exception {
        LeanServletObservation alwaysPicking = new LeanServletObservation(meters, 1.0);
        MockHttpServletRequest request = callback(null);
        boolean[] pickedDuringTheRequest = new boolean[1];

        alwaysPicking.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                pickedDuringTheRequest[0] = LeanServletObservation.pickedToStartATrace();
            }
        }));

        assertThat(pickedDuringTheRequest[0]).isTrue();
        assertThat(LeanServletObservation.pickedToStartATrace()).isFalse();
        assertThat(alwaysPicking.test("http.server.requests", context(request))).isTrue();
        assertThat(meters.find("http.server.requests").timers()).isEmpty();
    }

    @Test
    void shouldNeverPickARequestWhoseCallerDecidedAgainstTracing() throws Exception {
        LeanServletObservation alwaysPicking = new LeanServletObservation(meters, 1.0);
        MockHttpServletRequest request = callback(NOT_SAMPLED);

        alwaysPicking.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(alwaysPicking.test("http.server.requests", context(request))).isFalse();
        assertThat(meters.find("http.server.requests").timers()).hasSize(1);
    }

    @Test
    void shouldPassOnTheCallersUnsampledContextOrAStableNewOne() {
        assertThat(LeanServletObservation.unsampledTraceparent(callback(NOT_SAMPLED))).isEqualTo(NOT_SAMPLED);

        MockHttpServletRequest request = callback(null);
        String traceparent = LeanServletObservation.unsampledTraceparent(request);
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00")
                .isEqualTo(LeanServletObservation.unsampledTraceparent(request))
                .isNotEqualTo(LeanServletObservation.unsampledTraceparent(callback(null)));
        assertThat(ServerRequestTimers.sampled(traceparent)).isFalse();
    }

    @Test
    void shouldLeaveATracedRequestToSpring() throws Exception {
        lean.doFilter(callback(SAMPLED), new MockHttpServletResponse(), new MockFilterChain());

        assertThat(meters.find("http.server.requests").timers()).isEmpty();
    }

    @Test
    void shouldNameAnExceptionThatEscapesAndCountIt500() {
        MockFilterChain failing = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                throw new IllegalStateException("boom");
            }
        });

        assertThatThrownBy(() -> lean.doFilter(callback(null), new MockHttpServletResponse(), failing))
                .isInstanceOf(IllegalStateException.class);
        assertThat(meters.get("http.server.requests").tags("status", "500", "outcome", "SERVER_ERROR",
                "exception", "IllegalStateException", "uri", "UNKNOWN").timer().count()).isEqualTo(1);
    }

    private static MockHttpServletRequest callback(String traceparent) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/plivo/answer/abc");
        if (traceparent != null) {
            request.addHeader("traceparent", traceparent);
        }
        return request;
    }

    private static ServerRequestObservationContext context(MockHttpServletRequest request) {
        return new ServerRequestObservationContext(request, new MockHttpServletResponse());
    }
}
