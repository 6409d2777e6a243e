package dev.voiceotp.worker.spend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Charges every call a verification places after its first (a redial after busy or no answer, a call placed again
 * after an attempt whose outcome never came) to the spend counters the gateway charged the first call to: the
 * app's UTC day and the destination country's UTC hour. The gateway's spend caps then count the calls really
 * placed, and refuse new verifications once redials have spent them; a further call is never stopped by a cap, as
 * a first call once accepted is not. Counted in {@code otp.spend.calls} like the gateway's charges.
 */
@Component
public class FurtherCallCharges {

    private static final Logger log = LoggerFactory.getLogger(FurtherCallCharges.class);
    private static final RedisScript<Long> CHARGE = LuaScript.load("scripts/charge-call.lua", Long.class);
    /** As the gateway: a counter outlives its window by a day, so a late charge still finds it. */
    private static final Duration GRACE = Duration.ofDays(1);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> charged = new ConcurrentHashMap<>();

    FurtherCallCharges(StringRedisTemplate redis, Clock clock, MeterRegistry meters) {
        this.redis = redis;
        this.clock = clock;
        this.meters = meters;
    }

    /** A further call of {@code verification} was placed. A failure to charge is logged, never fails the call. */
    public void charge(VerificationRef verification) {
        Instant now = clock.instant();
        String region = verification.country() != null ? verification.country() : PhoneNumbers.UNKNOWN_REGION;
        Instant dayEnds = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        Instant hourEnds = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        try {
            redis.execute(CHARGE, List.of(RedisKeys.appDailySpend(verification.appId(), now), RedisKeys.countryHourlySpend(region, now)),
                    Long.toString(dayEnds.plus(GRACE).toEpochMilli()), Long.toString(hourEnds.plus(GRACE).toEpochMilli()));
        } catch (DataAccessException e) {
            log.warn("Verification {}: its further call could not be charged to the spend caps: {}", verification.verificationId(), e.getMessage());
            return;
        }
        charged.computeIfAbsent(verification.appId(), app -> Counter.builder("otp.spend.calls")
                .description("Calls charged against the app's daily spend cap (here: calls after a verification's first)")
                .tag("app", app).register(meters)).increment();
    }
}
