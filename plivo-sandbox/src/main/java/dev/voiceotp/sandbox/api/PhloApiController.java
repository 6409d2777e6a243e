package dev.voiceotp.sandbox.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.sandbox.phlo.PhloPlayer;
import dev.voiceotp.sandbox.phlo.PhloRun;

/**
 * The PHLO runner's {@code POST /v1/account/{authId}/phlo/{phloId}} (lowercase {@code account}, no trailing slash,
 * as plivo-java sends it): same Basic auth, validation and scenario rules as the Call API, then the guide's PHLO is
 * played; its call counts against the calls per second from the request's arrival ({@link ArrivalStamp}). Point the
 * SDK's static {@code PhloRestClient.BASE_URL} at {@code http://host:port/v1/}.
 */
@RestController
class PhloApiController {

    private final ApiScenarios scenarios;
    private final PhloPlayer player;

    PhloApiController(ApiScenarios scenarios, PhloPlayer player) {
        this.scenarios = scenarios;
        this.player = player;
    }

    @PostMapping({ "/v1/account/{authId}/phlo/{phloId}", "/v1/account/{authId}/phlo/{phloId}/" })
    @ResponseStatus(HttpStatus.CREATED)
    PhloRunFired run(@PathVariable String phloId, @RequestBody Map<String, Object> payload,
            @RequestAttribute(ArrivalStamp.ATTRIBUTE) Instant arrivedAt) throws InterruptedException {
        String toAsSent = PhloPayload.toAsSent(payload);
        PhloPayload start = scenarios.validate("phlo", toAsSent == null ? List.of() : List.of(toAsSent),
                () -> PhloPayload.of(payload));
        ApiScenarios.Admission admission = scenarios.admit("phlo", List.of(start.to()));
        scenarios.beforeFiring(admission);
        String phloRunId = UUID.randomUUID().toString();
        PhloRun run = player.run(phloRunId, phloId, start.from(), start.to(), start.otp(),
                admission.scenarios().getFirst(), arrivedAt);
        scenarios.accepted(admission, List.of(run.call().requestUuid()));
        return new PhloRunFired(phloId, phloRunId, phloRunId, "PHLO run initiated");
    }
}
