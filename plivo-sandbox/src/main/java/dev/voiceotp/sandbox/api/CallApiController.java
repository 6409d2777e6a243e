package dev.voiceotp.sandbox.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.sandbox.call.CallRecord;
import dev.voiceotp.sandbox.call.CallSimulator;

/**
 * {@code POST /v1/Account/{authId}/Call/}: fires the call and answers at once; the call itself (ringing, answer URL,
 * hangup) runs in the background. Basic auth is checked by {@link PlivoAuthInterceptor}.
 */
@RestController
class CallApiController {

    private final CallSimulator simulator;

    CallApiController(CallSimulator simulator) {
        this.simulator = simulator;
    }

    // the SDK posts to ".../Call/"; the trailing slash is optional here, as Spring no longer matches it implicitly
    @PostMapping({ "/v1/Account/{authId}/Call/", "/v1/Account/{authId}/Call" })
    @ResponseStatus(HttpStatus.CREATED)
    CallFired create(@RequestBody CallApiRequest body) {
        List<String> requestUuids = body.toCallRequests().stream()
                .map(simulator::place)
                .map(CallRecord::requestUuid)
                .toList();
        return CallFired.of(requestUuids);
    }
}
