package dev.voiceotp.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.dispatch.DispatchMetrics.Outcome;
import dev.voiceotp.gateway.dispatch.OtpRequestPublisher.NotAcknowledgedException;

/**
 * The path of one dispatch: one Redis script (create, or find by Idempotency-Key), one Kafka send waiting
 * for the ack, and an undo of the Redis record when the ack does not come, so that a 503 leaves nothing a
 * client could check a code against.
 */
@Service
class DispatchService {

    private static final Logger log = LoggerFactory.getLogger(DispatchService.class);
    private static final Duration KAFKA_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration REFUSAL_WARNING_INTERVAL = Duration.ofSeconds(1);

    private final VerificationStore store;
    private final OtpRequestPublisher publisher;
    private final DispatchMetrics metrics;
    private final CodeProperties code;
    private final Clock clock;
    private final AtomicLong nextRefusalWarning = new AtomicLong(System.nanoTime());

    DispatchService(VerificationStore store, OtpRequestPublisher publisher, DispatchMetrics metrics, CodeProperties code, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.code = code;
        this.clock = clock;
    }

    Dispatch dispatch(NewVerification request) {
        // Redis keeps epoch milliseconds: the 202 body, the hash and the Kafka message must show the same instants
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(code.ttl());
        String id = UUID.randomUUID().toString();
        Dispatch dispatch = createOrFind(id, request, now, expiresAt);
        if (dispatch.replayed()) {
            return replay(request, dispatch);
        }
        try {
            publisher.publish(OtpRequest.of(id, request.appId(), request.phoneNumber(), request.locale(), now, expiresAt));
        } catch (NotAcknowledgedException e) {
            undo(id, request);
            metrics.count(request.appId(), Outcome.KAFKA_UNAVAILABLE);
            logRefusal(id, request, e);
            throw ApiProblem.unavailable("The verification could not be queued; retry shortly.", KAFKA_RETRY_AFTER);
        }
        metrics.count(request.appId(), Outcome.ACCEPTED);
        if (log.isDebugEnabled()) {
            log.debug("Verification {} accepted for {} (app {})", id, PhoneNumbers.mask(request.phoneNumber()), request.appId());
        }
        return dispatch;
    }

    private Dispatch createOrFind(String id, NewVerification request, Instant now, Instant expiresAt) {
        try {
            return store.createOrFind(id, request, now, expiresAt, code.ttl().plus(code.retention()));
        } catch (DataAccessException e) {
            metrics.count(request.appId(), Outcome.STORAGE_UNAVAILABLE);
            throw e;
        }
    }

    private Dispatch replay(NewVerification request, Dispatch existing) {
        if (!existing.phoneNumber().equals(request.phoneNumber())) {
            metrics.count(request.appId(), Outcome.INVALID);
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused with a different request",
                    "This Idempotency-Key was first used for another phone number; use a new key for a new verification.");
        }
        metrics.count(request.appId(), Outcome.IDEMPOTENT_REPLAY);
        return existing;
    }

    /**
     * While Kafka is down every request fails: one warning a second says so without flooding the (synchronous)
     * log; the otp.requests counter has the exact numbers.
     */
    private void logRefusal(String id, NewVerification request, NotAcknowledgedException e) {
        long now = System.nanoTime();
        long next = nextRefusalWarning.get();
        if (now - next >= 0 && nextRefusalWarning.compareAndSet(next, now + REFUSAL_WARNING_INTERVAL.toNanos())) {
            log.warn("Verification {} for {} refused: {}", id, PhoneNumbers.mask(request.phoneNumber()), e.getMessage());
        } else if (log.isDebugEnabled()) {
            log.debug("Verification {} for {} refused: {}", id, PhoneNumbers.mask(request.phoneNumber()), e.getMessage());
        }
    }

    private void undo(String id, NewVerification request) {
        try {
            store.delete(id, request);
        } catch (DataAccessException e) {
            // the hash expires with its TTL; until then a check finds a pending verification with no code
            log.error("Verification {} could not be removed after Kafka refused it: {}", id, e.getMessage());
        }
    }
}
