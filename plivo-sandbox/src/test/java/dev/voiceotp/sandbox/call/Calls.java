package dev.voiceotp.sandbox.call;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.voiceotp.sandbox.callback.CallbackMethod;
import dev.voiceotp.sandbox.callback.CallbackUrl;
import dev.voiceotp.sandbox.scenario.Outcome;

/** Call records for unit tests, as the Call API would create them. */
final class Calls {

    private Calls() {
    }

    static CallRecord to(String requestUuid, String to) {
        return answeredBy(requestUuid, to, Outcome.ANSWER, List.of());
    }

    static CallRecord answeredBy(String requestUuid, String to, Outcome outcome, List<String> digits) {
        CallRequest request = new CallRequest("+14155550100", to, null,
                new CallbackUrl(URI.create("http://localhost/answer"), CallbackMethod.POST), null, null, null,
                CallRequest.DEFAULT_TIME_LIMIT, CallRequest.DEFAULT_RING_TIMEOUT, MachineDetection.OFF);
        Instant now = Instant.now();
        return new CallRecord(requestUuid, "call-" + requestUuid, request, outcome, digits, Clock.systemUTC(), now, now, false);
    }
}
