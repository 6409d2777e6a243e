package dev.voiceotp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.voiceotp.contract.web.LeanServletObservation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;

/** The tracer samples the root span of exactly the requests the lean observation picked to start a trace. */
class ServerObservationConfigurationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final ServerObservationConfiguration configuration = new ServerObservationConfiguration();

    @Test
    void shouldSampleTheRootOfAPickedRequest() throws Exception {
        Sampler sampler = configuration.otelSampler(0.0);
        LeanServletObservation picking = configuration.leanServerObservation(new SimpleMeterRegistry(), 1.0);
        SamplingDecision[] decision = new SamplingDecision[1];

        picking.doFilter(new MockHttpServletRequest("POST", "/v1/verifications"), new MockHttpServletResponse(),
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                        decision[0] = rootDecision(sampler);
                    }
                }));

        assertThat(decision[0]).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void shouldSampleOtherRootsByTheConfiguredRatio() {
        assertThat(rootDecision(configuration.otelSampler(0.0))).isEqualTo(SamplingDecision.DROP);
        assertThat(rootDecision(configuration.otelSampler(1.0))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    private static SamplingDecision rootDecision(Sampler sampler) {
        return sampler.shouldSample(Context.root(), TRACE_ID, "http post /v1/verifications", SpanKind.SERVER,
                Attributes.empty(), List.of()).getDecision();
    }
}
