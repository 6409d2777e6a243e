package dev.voiceotp.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.GatewayProperties.Limit;
import dev.voiceotp.gateway.refusal.RefusalReason;
import dev.voiceotp.gateway.refusal.RequestRefused;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteAsyncBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;

/**
 * Takes one token from each bucket that applies to a request: its client address, its producer app, its number
 * block and its number. Each bucket costs a read and a compare-and-swap; the buckets are asked in parallel, so
 * together they add the latency of one bucket, not four.
 *
 * <p>A refused request gives back the tokens it took from the other buckets: it causes no call, so a flood from
 * one address must not use up the quota of the numbers it targets. The app's bucket, which every request of the
 * app touches, batches concurrent requests into one compare-and-swap instead of letting them race.
 */
@Component
public class RequestLimits {

    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);
    private static final Duration APP_PERIOD = Duration.ofMinutes(1);

    private final AsyncProxyManager<String> buckets;
    private final Map<String, AsyncBucketProxy> appBuckets = new HashMap<>();
    private final Map<String, Integer> appQuotas = new HashMap<>();
    private final @Nullable BucketConfiguration number;
    private final @Nullable BucketConfiguration address;
    private final @Nullable BucketConfiguration prefix;
    private final int prefixHiddenDigits;
    private final long configurationVersion = System.currentTimeMillis();

    public RequestLimits(AsyncProxyManager<String> buckets, GatewayProperties properties, ProducerAppsProperties apps) {
        this.buckets = buckets;
        GatewayProperties.Limits limits = properties.limits();
        this.number = configuration(limits.number());
        this.address = configuration(limits.ip());
        this.prefix = configuration(limits.prefix());
        this.prefixHiddenDigits = limits.prefixHiddenDigits();
        for (ProducerAppsProperties.App app : apps.apps()) {
            BucketConfiguration quota = configuration(new Limit(app.quotas().requestsPerMinute(), APP_PERIOD));
            if (quota != null) {
                appQuotas.put(app.id(), app.quotas().requestsPerMinute());
                appBuckets.put(app.id(), builder().withOptimization(Optimizations.batching())
                        .build(RedisKeys.rateLimit("app", app.id()), quota));
            }
        }
    }

    /**
     * @param clientAddress the end user's address, or null when the request carries none worth limiting
     * @throws RequestRefused 429 naming the limit, with the wait until it allows the request
     * @throws org.springframework.dao.DataAccessException when Redis does not answer
     */
    public void check(String appId, String phoneNumber, @Nullable String clientAddress) {
        List<Take> takes = new ArrayList<>(4);
        if (address != null && clientAddress != null) {
            takes.add(take(RefusalReason.RATE_LIMIT_IP, bucket("ip", clientAddress, address)));
        }
        AsyncBucketProxy appBucket = appBuckets.get(appId);
        if (appBucket != null) {
            takes.add(take(RefusalReason.RATE_LIMIT_APP, appBucket));
        }
        if (prefix != null) {
            takes.add(take(RefusalReason.RATE_LIMIT_PREFIX, bucket("prefix", blockOf(phoneNumber), prefix)));
        }
        if (number != null) {
            takes.add(take(RefusalReason.RATE_LIMIT_NUMBER, bucket("number", phoneNumber, number)));
        }
        if (takes.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(takes.stream().map(Take::probe).toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            giveBack(takes);
            throw RedisFailures.translate(e);
        }
        takes.stream()
                .filter(take -> !take.probe().join().isConsumed())
                .max(Comparator.comparingLong(take -> take.probe().join().getNanosToWaitForRefill()))
                .ifPresent(refused -> {
                    giveBack(takes);
                    throw refusal(refused, appId);
                });
    }

    /** The number's block: the number without its last digits, so neighbouring numbers share one bucket. */
    String blockOf(String phoneNumber) {
        return phoneNumber.substring(0, Math.max(2, phoneNumber.length() - prefixHiddenDigits));
    }

    private AsyncBucketProxy bucket(String limit, String subject, BucketConfiguration configuration) {
        return builder().build(RedisKeys.rateLimit(limit, subject), configuration);
    }

    /**
     * A bucket keeps the configuration it was created with; the version makes the newest instance's configuration
     * replace it, so changed limits apply after a deploy even to buckets that never go idle.
     */
    private RemoteAsyncBucketBuilder<String> builder() {
        return buckets.builder().withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.PROPORTIONALLY);
    }

    private static Take take(RefusalReason reason, AsyncBucketProxy bucket) {
        CompletableFuture<ConsumptionProbe> probe;
        try {
            probe = bucket.tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            probe = CompletableFuture.failedFuture(e);
        }
        return new Take(reason, bucket, probe);
    }

    /** Returns the tokens a refused (or failed) request took; best effort, as the refusal stands either way. */
    private static void giveBack(List<Take> takes) {
        for (Take take : takes) {
            CompletableFuture<ConsumptionProbe> probe = take.probe();
            if (probe.state() == Future.State.SUCCESS && probe.resultNow().isConsumed()) {
                take.bucket().addTokens(1).whenComplete((done, failure) -> {
                    if (failure != null) {
                        log.debug("Could not return a {} token: {}", take.reason().tag(), failure.toString());
                    }
                });
            }
        }
    }

    private RequestRefused refusal(Take refused, String appId) {
        Duration wait = Duration.ofNanos(refused.probe().join().getNanosToWaitForRefill());
        String detail = switch (refused.reason()) {
            case RATE_LIMIT_IP -> "Too many verification requests from this client address.";
            case RATE_LIMIT_APP -> "This app's quota of " + appQuotas.get(appId) + " verification requests per minute is spent.";
            case RATE_LIMIT_PREFIX -> "Too many verification requests for numbers in this number block.";
            default -> "Too many verification requests for this number.";
        };
        return RequestRefused.tooMany(refused.reason(), detail + " Retry after the time in Retry-After.", wait);
    }

    private static @Nullable BucketConfiguration configuration(Limit limit) {
        if (!limit.enabled()) {
            return null;
        }
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.refillPeriod()))
                .build();
    }

    private record Take(RefusalReason reason, AsyncBucketProxy bucket, CompletableFuture<ConsumptionProbe> probe) {
    }
}
