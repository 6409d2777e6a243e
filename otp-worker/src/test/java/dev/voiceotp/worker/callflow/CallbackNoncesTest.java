package dev.voiceotp.worker.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.voiceotp.contract.event.ScriptedEvents;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.TestRedis;
import dev.voiceotp.worker.TestProperties;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.attempt.CallScheduleAlarm;
import tools.jackson.databind.json.JsonMapper;

/**
 * callback-first-use.lua and progress-callback.lua on a real redis-server: a nonce counts once, and its round trip reads
 * the call token and, when asked, its verification, or applies a progress callback's report.
 */
class CallbackNoncesTest {

    private final StringRedisTemplate redis = TestRedis.template();
    private final WorkerProperties properties = TestProperties.worker(Map.of("voice-otp.worker.webhooks.nonce-ttl", "5m"));
    private final Clock clock = Clock.systemUTC();
    private final CallbackNonces nonces = new CallbackNonces(redis, new CallEventScript(redis,
            new ScriptedEvents(null, event -> { }, JsonMapper.builder().build()), new CallScheduleAlarm(clock), clock, properties), properties);
    private final String nonce = UUID.randomUUID().toString();
    private final String token = "token-" + UUID.randomUUID();

    @Test
    void shouldReadWhatTheTokenNamesOnTheNoncesFirstUseOnly() {
        redis.opsForValue().set(RedisKeys.callPrompt(token), "verification-1 sealed", Duration.ofMinutes(1));

        CallbackNonces.FirstUse first = nonces.firstUse(nonce, token, false, new MockHttpServletRequest());
        CallbackNonces.FirstUse again = nonces.firstUse(nonce, token, false, new MockHttpServletRequest());

        assertThat(first.named()).isEqualTo("verification-1 sealed");
        assertThat(first.verification()).as("not asked for").isEmpty();
        assertThat(again).as("a replay").isNull();
        assertThat(redis.getExpire(WorkerRedisState.CALLBACK_NONCE_PREFIX + nonce)).as("remembered for the nonce TTL").isBetween(295L, 300L);
    }

    @Test
    void shouldReadTheVerificationTheTokenNamesInTheSameRoundTripWhenAsked() {
        String id = "verification-" + UUID.randomUUID();
        redis.opsForValue().set(RedisKeys.callPrompt(token), id + " sealed", Duration.ofMinutes(1));
        redis.opsForHash().putAll(RedisKeys.verification(id), Map.of("status", "pending", "app", "demo"));

        CallbackNonces.FirstUse first = nonces.firstUse(nonce, token, true, new MockHttpServletRequest());

        assertThat(first.named()).isEqualTo(id + " sealed");
        assertThat(first.verification()).containsExactlyInAnyOrderEntriesOf(Map.of("status", "pending", "app", "demo"));
        assertThat(nonces.firstUse(nonce, token, true, new MockHttpServletRequest())).as("a replay reads nothing").isNull();
    }

    @Test
    void shouldReadNoVerificationForATokenThatNamesNone() {
        CallbackNonces.FirstUse first = nonces.firstUse(nonce, token, true, new MockHttpServletRequest());

        assertThat(first.named()).isEmpty();
        assertThat(first.verification()).isEmpty();
    }

    @Test
    void shouldTellAnUnknownTokenFromAReplay() {
        assertThat(nonces.firstUse(nonce, token, false, new MockHttpServletRequest()).named()).isEmpty();
        assertThat(nonces.firstUse(nonce, token, false, new MockHttpServletRequest())).isNull();
    }

    @Test
    void shouldGiveTheNonceBackWhenTheCallbackFailsOnOurSide() {
        MockHttpServletRequest failed = new MockHttpServletRequest();
        nonces.firstUse(nonce, token, false, failed);
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(503);

        nonces.afterCompletion(failed, response, new Object(), null);

        assertThat(nonces.firstUse(nonce, token, false, new MockHttpServletRequest())).as("Plivo's retry is no replay").isNotNull();
    }

    @Test
    void shouldGiveTheNonceOfAProgressCallbackBackWhenItFailsOnOurSide() {
        CallEventScript.Report ringing = new CallEventScript.Report("ringing", 1, false, "");
        MockHttpServletRequest failed = new MockHttpServletRequest();
        assertThat(nonces.firstReport(nonce, token, ringing, failed).replay()).isFalse();
        assertThat(nonces.firstReport(nonce, token, ringing, new MockHttpServletRequest()).replay()).isTrue();
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(500);

        nonces.afterCompletion(failed, response, new Object(), null);

        assertThat(nonces.firstReport(nonce, token, ringing, new MockHttpServletRequest()).replay()).as("Plivo's retry is no replay").isFalse();
    }
}
