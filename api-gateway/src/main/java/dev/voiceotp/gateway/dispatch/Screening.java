package dev.voiceotp.gateway.dispatch;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.voiceotp.gateway.destination.DestinationPolicy;
import dev.voiceotp.gateway.dispatch.DispatchMetrics.Outcome;
import dev.voiceotp.gateway.ratelimit.RequestLimits;
import dev.voiceotp.gateway.refusal.RequestRefused;

/**
 * The checks a request passes before it may touch the verification state: the destination policy first (it needs
 * no Redis, and a refused number should not spend anyone's rate-limit tokens), then the shared rate limits.
 */
@Component
class Screening {

    private final DestinationPolicy destinations;
    private final RequestLimits limits;
    private final DispatchMetrics metrics;

    Screening(DestinationPolicy destinations, RequestLimits limits, DispatchMetrics metrics) {
        this.destinations = destinations;
        this.limits = limits;
        this.metrics = metrics;
    }

    /**
     * @return the number's region, as {@link DestinationPolicy#check} found it
     * @throws RequestRefused when a rule refuses the request (not counted yet: a retry with an Idempotency-Key is
     *     answered as the first time instead, see {@link DispatchService})
     */
    String screen(NewVerification request) {
        try {
            String region = destinations.check(request.destination());
            limits.check(request.appId(), request.phoneNumber(), request.clientAddress());
            return region;
        } catch (DataAccessException e) {
            metrics.count(request.appId(), Outcome.STORAGE_UNAVAILABLE);
            throw e;
        }
    }
}
