package dev.voiceotp.worker.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.TestRedis;
import dev.voiceotp.worker.TestProperties;
import dev.voiceotp.worker.WorkerRedisState;

/** callback-first-use.lua on a real redis-server: a nonce counts once, and its round trip reads the call token. */
class CallbackNoncesTest {

    private final StringRedisTemplate redis = TestRedis.template();
    private final CallbackNonces nonces = new CallbackNonces(redis,
            TestProperties.worker(Map.of("voice-otp.worker.webhooks.nonce-ttl", "5m")));
    private final String nonce = UUID.randomUUID().toString();
    private final String token = "token-" + UUID.randomUUID();

    @Test
    void shouldReadWhatTheTokenNamesOnTheNoncesFirstUseOnly() {
        redis.opsForValue().set(RedisKeys.callPrompt(token), "verification-1 sealed", Duration.ofMinutes(1));

        String first = nonces.firstUse(nonce, token, new MockHttpServletRequest());
        String again = nonces.firstUse(nonce, token, new MockHttpServletRequest());

        assertThat(first).isEqualTo("verification-1 sealed");
        assertThat(again).as("a replay").isNull();
        assertThat(redis.getExpire(WorkerRedisState.CALLBACK_NONCE_PREFIX + nonce)).as("remembered for the nonce TTL").isBetween(295L, 300L);
    }

    @Test
    void shouldTellAnUnknownTokenFromAReplay() {
        assertThat(nonces.firstUse(nonce, token, new MockHttpServletRequest())).isEmpty();
        assertThat(nonces.firstUse(nonce, token, new MockHttpServletRequest())).isNull();
    }

    @Test
    void shouldGiveTheNonceBackWhenTheCallbackFailsOnOurSide() {
        MockHttpServletRequest failed = new MockHttpServletRequest();
        nonces.firstUse(nonce, token, failed);
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(503);

        nonces.afterCompletion(failed, response, new Object(), null);

        assertThat(nonces.firstUse(nonce, token, new MockHttpServletRequest())).as("Plivo's retry is no replay").isEmpty();
    }
}
