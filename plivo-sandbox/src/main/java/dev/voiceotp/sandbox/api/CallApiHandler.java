package dev.voiceotp.sandbox.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.voiceotp.contract.web.PreparedBodies;
import dev.voiceotp.contract.web.ServletBodies;
import dev.voiceotp.sandbox.call.CallRequest;
import dev.voiceotp.sandbox.call.CallSimulator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/Account/{authId}/Call/}: checks Basic auth (before the body is read, as Plivo does), validates,
 * lets the scenario rules answer, fires the calls and answers; the calls themselves (queue, ringing, answer URL,
 * hangup) run in the background. A functional route ({@link PlivoApiWebConfiguration}): it is the sandbox's busiest
 * path, and its body is read and its answer written with a reader and writer prepared once.
 */
@Component
class CallApiHandler {

    /** Bodies of a few calls are well under this; a bulk call to many numbers is still far below it. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final PlivoAuthInterceptor auth;
    private final ApiScenarios scenarios;
    private final CallSimulator simulator;
    private final ObjectReader requests;
    private final ObjectWriter answers;
    private final Clock clock;

    CallApiHandler(PlivoAuthInterceptor auth, ApiScenarios scenarios, CallSimulator simulator, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.auth = auth;
        this.scenarios = scenarios;
        this.simulator = simulator;
        this.requests = json.readerFor(CallApiRequest.class);
        this.answers = json.writerFor(CallFired.class);
    }

    ServerResponse create(ServerRequest request) throws IOException, InterruptedException {
        Instant arrivedAt = clock.instant();
        auth.check(request.headers().firstHeader(HttpHeaders.AUTHORIZATION), request.pathVariable("authId"));
        CallApiRequest body = read(request);
        List<CallRequest> calls = scenarios.validate("call", body.destinationsAsSent(), body::toCallRequests);
        ApiScenarios.Admission admission = scenarios.admit("call", calls.stream().map(CallRequest::to).toList());
        scenarios.beforeFiring(admission);
        List<String> requestUuids = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            requestUuids.add(simulator.place(calls.get(i), admission.scenarios().get(i), arrivedAt).requestUuid());
        }
        scenarios.accepted(admission, requestUuids);
        return PreparedBodies.of(ServerResponse.status(HttpStatus.CREATED), MediaType.APPLICATION_JSON,
                answers.writeValueAsBytes(CallFired.of(requestUuids)));
    }

    private CallApiRequest read(ServerRequest request) throws IOException {
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            throw PlivoApiErrors.notJson();
        }
        byte[] bytes = ServletBodies.read(request.servletRequest(), MAX_BODY_BYTES);
        @Nullable CallApiRequest body;
        try {
            body = bytes.length == 0 || bytes.length > MAX_BODY_BYTES ? null : requests.readValue(bytes);
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null) {
            throw PlivoApiErrors.unreadable();
        }
        return body;
    }
}
