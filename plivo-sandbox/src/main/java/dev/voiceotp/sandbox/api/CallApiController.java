package dev.voiceotp.sandbox.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.sandbox.call.CallRequest;
import dev.voiceotp.sandbox.call.CallSimulator;

/**
 * {@code POST /v1/Account/{authId}/Call/}: validates, lets the scenario rules answer, fires the calls and answers;
 * the calls themselves (queue, ringing, answer URL, hangup) run in the background. Basic auth is checked by
 * {@link PlivoAuthInterceptor}.
 */
@RestController
class CallApiController {

    private final ApiScenarios scenarios;
    private final CallSimulator simulator;

    CallApiController(ApiScenarios scenarios, CallSimulator simulator) {
        this.scenarios = scenarios;
        this.simulator = simulator;
    }

    // the SDK posts to ".../Call/"; the trailing slash is optional here, as Spring no longer matches it implicitly
    @PostMapping({ "/v1/Account/{authId}/Call/", "/v1/Account/{authId}/Call" })
    @ResponseStatus(HttpStatus.CREATED)
    CallFired create(@RequestBody CallApiRequest body) throws InterruptedException {
        List<CallRequest> requests = scenarios.validate("call", body.destinationsAsSent(), body::toCallRequests);
        ApiScenarios.Admission admission = scenarios.admit("call", requests.stream().map(CallRequest::to).toList());
        List<String> requestUuids = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            requestUuids.add(simulator.place(requests.get(i), admission.scenarios().get(i)).requestUuid());
        }
        scenarios.accepted(admission, requestUuids);
        return CallFired.of(requestUuids);
    }
}
