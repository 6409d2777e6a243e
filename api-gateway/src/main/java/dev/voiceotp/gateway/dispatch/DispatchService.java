package dev.voiceotp.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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
import dev.voiceotp.gateway.refusal.RequestRefused;
import dev.voiceotp.gateway.spend.SpendGuard;
import dev.voiceotp.gateway.spend.SpendWindow;

/**
 * The path of one dispatch: screening (destination policy, rate limits), one Redis script that decides and records
 * (replay, resend, caps, create), one Kafka send waiting for the ack, then the metrics of an accepted request (its
 * events come from the event relay, which reads the request from Kafka). Without an ack the verification is
 * canceled as not dispatched, so a 503 leaves nothing that will call or that a client could check a code against;
 * unless a worker has claimed its call meanwhile (the ack came late or was lost): then the request is accepted.
 */
@Service
public class DispatchService {

    private static final Logger log = LoggerFactory.getLogger(DispatchService.class);
    private static final Duration KAFKA_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration REFUSAL_WARNING_INTERVAL = Duration.ofSeconds(1);

    private final Screening screening;
    private final VerificationStore store;
    private final OtpRequestPublisher publisher;
    private final DispatchMetrics metrics;
    private final SpendGuard spend;
    private final CodeProperties code;
    private final Clock clock;
    private final AtomicLong nextRefusalWarning = new AtomicLong(System.nanoTime());

    DispatchService(Screening screening, VerificationStore store, OtpRequestPublisher publisher, DispatchMetrics metrics,
            SpendGuard spend, CodeProperties code, Clock clock) {
        this.screening = screening;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.spend = spend;
        this.code = code;
        this.clock = clock;
    }

    public Dispatch dispatch(NewVerification request) {
        String country;
        try {
            country = screening.screen(request);
        } catch (RequestRefused refused) {
            // a retry of an accepted request gets its answer again, even when the requests since spent a limit
            Optional<Dispatch> earlier = store.earlier(request);
            if (earlier.isPresent()) {
                return replay(request, earlier.get());
            }
            metrics.refused(request.appId(), refused.reason());
            throw refused;
        }
        // Redis keeps epoch milliseconds: the 202 body, the hash and the Kafka message must show the same instants
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(code.ttl());
        String id = request.verificationId() != null ? request.verificationId() : UUID.randomUUID().toString();
        SpendWindow window = spend.windowFor(request.appId(), country, now);
        return switch (create(id, request, country, now, expiresAt, window)) {
            case Creation.Created created -> publish(new Attempt(id, request, country, now, expiresAt, window, created));
            case Creation.Replayed replayed -> replay(request, replayed.dispatch());
            case Creation.PendingReused reused -> {
                metrics.count(request.appId(), Outcome.PENDING_REUSED);
                yield reused.dispatch();
            }
            case Creation.Refused refused -> throw refuse(request, refused, window, country, now);
            case Creation.IdInUse inUse -> {
                metrics.count(request.appId(), Outcome.INVALID);
                throw new ApiProblem(HttpStatus.CONFLICT, "Verification id in use",
                        "The verification id " + inUse.id() + " names another verification; use a fresh UUID per verification.");
            }
        };
    }

    /** A verification the script created, on its way to Kafka. */
    private record Attempt(String id, NewVerification request, String country, Instant createdAt, Instant expiresAt,
            SpendWindow window, Creation.Created created) {
    }

    private Creation create(String id, NewVerification request, String country, Instant now, Instant expiresAt, SpendWindow window) {
        try {
            return store.create(id, request, country, now, expiresAt, window);
        } catch (DataAccessException e) {
            metrics.count(request.appId(), Outcome.STORAGE_UNAVAILABLE);
            throw e;
        }
    }

    private Dispatch publish(Attempt attempt) {
        NewVerification request = attempt.request();
        try {
            publisher.publish(OtpRequest.of(attempt.id(), request.appId(), request.phoneNumber(), request.locale(),
                    attempt.createdAt(), attempt.expiresAt(), request.delivery()), attempt.country(), attempt.created().replacedId());
        } catch (NotAcknowledgedException e) {
            if (markNotDispatched(attempt)) {
                metrics.count(request.appId(), Outcome.KAFKA_UNAVAILABLE);
                logRefusal(attempt.id(), request, e);
                throw ApiProblem.unavailable("The verification could not be queued; retry shortly.", KAFKA_RETRY_AFTER);
            }
            // a 503 now would have the app ask again while the person's phone rings with this code
            log.info("Verification {} for {}: Kafka's ack did not come ({}), but a worker has already claimed its call: accepted",
                    attempt.id(), PhoneNumbers.mask(request.phoneNumber()), e.getMessage());
        }
        metrics.count(request.appId(), Outcome.ACCEPTED);
        metrics.requested(request.appId(), attempt.country());
        spend.charged(request.appId());
        String replaced = attempt.created().replacedId();
        if (log.isDebugEnabled()) {
            log.debug("Verification {} accepted for {} (app {}){}", attempt.id(), PhoneNumbers.mask(request.phoneNumber()),
                    request.appId(), replaced == null ? "" : ", replacing " + replaced);
        }
        return attempt.created().dispatch();
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

    private RequestRefused refuse(NewVerification request, Creation.Refused refused, SpendWindow window, String country, Instant now) {
        metrics.refused(request.appId(), refused.reason());
        return switch (refused.reason()) {
            case NUMBER_CALLS_HOURLY -> RequestRefused.tooMany(refused.reason(),
                    "This number has been called the maximum number of times in the last hour.", refused.retryAfter());
            case NUMBER_CALLS_DAILY -> RequestRefused.tooMany(refused.reason(),
                    "This number has been called the maximum number of times in the last 24 hours.", refused.retryAfter());
            case SPEND_CAP_APP, SPEND_CAP_COUNTRY -> spend.tripped(refused.reason(), window, request.appId(), country, now);
            default -> throw new IllegalStateException("the create script does not refuse for " + refused.reason());
        };
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

    /**
     * Settles the verification as not dispatched. Whether the request is to be refused: false only when a worker has
     * claimed its call after all; true also when Redis could not be reached to settle it.
     */
    private boolean markNotDispatched(Attempt attempt) {
        try {
            return store.markNotDispatched(attempt.id(), attempt.request(), attempt.createdAt(), attempt.created().replacedId(),
                    attempt.window(), clock.instant());
        } catch (DataAccessException e) {
            // the worker may still call (if the broker has the request); the hash expires with its TTL
            log.error("Verification {} could not be marked not dispatched after Kafka refused it: {}", attempt.id(), e.getMessage());
            return true;
        }
    }
}
