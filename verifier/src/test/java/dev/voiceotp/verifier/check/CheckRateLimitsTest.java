package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * The check rate limits, counted in Redis by the check script: per client address (behind a trusted proxy, the
 * forwarded one), per app ({@code quotas.checks-per-minute}) and per number. A check over a limit is a 429 problem
 * with Retry-After that compares no code and counts no attempt; other addresses, apps and numbers go on.
 */
class CheckRateLimitsTest extends VerifierIntegrationTest {

    private static final String CODE = "480216";
    private static final String WRONG = "000000";
    private static final String QUOTA = "quota";
    private static final String QUOTA_KEY = "quota-api-key-for-tests";
    private static final int PER_ADDRESS = 3;
    private static final int PER_NUMBER = 4;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("voice-otp.verifier.limits.ip.capacity", () -> PER_ADDRESS);
        registry.add("voice-otp.verifier.limits.number.capacity", () -> PER_NUMBER);
        registry.add("voice-otp.verifier.trusted-proxies", () -> "127.0.0.1,::1");
        registry.add("voice-otp.apps[2].id", () -> QUOTA);
        registry.add("voice-otp.apps[2].name", () -> "Quota");
        registry.add("voice-otp.apps[2].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex(QUOTA_KEY));
        registry.add("voice-otp.apps[2].quotas.checks-per-minute", () -> 2);
    }

    @Test
    void shouldLimitEachForwardedClientAddressWithoutCountingTheRefusedCheckAsAnAttempt() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        for (int i = 0; i < PER_ADDRESS - 1; i++) {
            assertThat(check(SHOP_KEY, id, WRONG, "203.0.113.7")).hasStatusOk();
        }
        assertThat(check(SHOP_KEY, verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE), WRONG, "203.0.113.7")).hasStatusOk();

        RestTestClientResponse limited = check(SHOP_KEY, id, CODE, "198.51.100.1, 203.0.113.7");

        assertRateLimited(limited, 60);
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "pending")
                .containsEntry(VerificationFields.FAILED_ATTEMPTS, Integer.toString(PER_ADDRESS - 1));
        assertThat(redis.getExpire(RedisKeys.rateLimit(CheckLimits.IP, "203.0.113.7"))).isBetween(1L, 60L);
        assertThat(check(SHOP_KEY, id, CODE, "203.0.113.8")).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("approved");
    }

    @Test
    void shouldCountIpv6ClientsPerSlash64() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            String id = verifications.pending(BANK, Verifications.uniquePhoneNumber(), CODE);
            assertThat(check(BANK_KEY, id, WRONG, "2001:db8:1:2::" + (i + 1))).hasStatusOk();
        }

        String id = verifications.pending(BANK, Verifications.uniquePhoneNumber(), CODE);
        assertRateLimited(check(BANK_KEY, id, CODE, "2001:db8:1:2:ffff::9"), 60);
    }

    @Test
    void shouldNotLimitATrustedBackendThatForwardsNoAddressPerAddress() {
        for (int i = 0; i < PER_ADDRESS + 2; i++) {
            String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
            assertThat(checkCode(SHOP_KEY, id, CODE)).hasStatusOk().bodyJson().extractingPath("$.valid").isEqualTo(true);
        }
    }

    @Test
    void shouldLimitEachAppToItsChecksPerMinuteWhateverTheAddress() {
        String id = verifications.pending(QUOTA, Verifications.uniquePhoneNumber(), CODE);
        assertThat(check(QUOTA_KEY, id, WRONG, "192.0.2.11")).hasStatusOk();
        assertThat(check(QUOTA_KEY, id, WRONG, "192.0.2.12")).hasStatusOk();

        assertRateLimited(check(QUOTA_KEY, id, CODE, "192.0.2.13"), 60);
        assertThat(verifications.hash(id)).containsEntry(VerificationFields.STATUS, "pending");
        String shops = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        assertThat(check(SHOP_KEY, shops, CODE, "192.0.2.13")).hasStatusOk();
    }

    @Test
    void shouldLimitEachNumberOverItsVerificationsAndApps() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String shops = verifications.pending(SHOP, phoneNumber, CODE);
        String banks = verifications.pending(BANK, phoneNumber, "135790");
        assertThat(check(SHOP_KEY, shops, WRONG, "198.51.100.21")).hasStatusOk();
        assertThat(check(SHOP_KEY, shops, WRONG, "198.51.100.22")).hasStatusOk();
        assertThat(check(BANK_KEY, banks, WRONG, "198.51.100.23")).hasStatusOk();
        assertThat(check(BANK_KEY, banks, WRONG, "198.51.100.24")).hasStatusOk();

        assertRateLimited(check(SHOP_KEY, shops, CODE, "198.51.100.25"), 600);
        assertThat(redis.opsForValue().get(RedisKeys.rateLimit(CheckLimits.NUMBER, phoneNumber))).isEqualTo(Integer.toString(PER_NUMBER + 1));
        String otherNumber = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), CODE);
        assertThat(check(SHOP_KEY, otherNumber, CODE, "198.51.100.25")).hasStatusOk();
    }

    @Test
    void shouldCountTheGuidesAnonymousChecksOfANumberApartFromTheApps() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String banks = verifications.pending(BANK, phoneNumber, "135790");
        verifications.pending(SHOP, phoneNumber, CODE);
        for (int i = 0; i < PER_NUMBER; i++) {
            assertThat(guideVerify(phoneNumber, WRONG, "198.51.100." + (31 + i))).hasStatusOk();
        }

        assertRateLimited(guideVerify(phoneNumber, CODE, "198.51.100.39"), 600);
        assertThat(redis.hasKey(RedisKeys.rateLimit(CheckLimits.NUMBER, phoneNumber))).as("the apps' counter of the number").isFalse();
        assertThat(check(BANK_KEY, banks, "135790", "198.51.100.40")).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("approved");
    }

    @Test
    void shouldLimitTheGuidesChecksOfANumberWithoutAVerificationAsOfOneWith() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        for (int i = 0; i < PER_NUMBER; i++) {
            assertThat(guideVerify(phoneNumber, WRONG, "198.51.100." + (41 + i))).hasStatusOk();
        }

        assertRateLimited(guideVerify(phoneNumber, WRONG, "198.51.100.49"), 600);
    }

    @Test
    void shouldLimitTheGuidesAnonymousRouteUnderTheProxysOwnAddressWhenItForwardsNone() {
        String phoneNumber = Verifications.uniquePhoneNumber();
        verifications.pending(SHOP, phoneNumber, CODE);
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(guideVerify(phoneNumber, WRONG)).hasStatusOk();
        }

        assertRateLimited(guideVerify(phoneNumber, CODE), 60);
    }

    private RestTestClientResponse check(String apiKey, String verificationId, String code, String forwardedFor) {
        return RestTestClientResponse.from(client.post()
                .uri("/v1/verifications/{id}/checks", verificationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"code\":\"" + code + "\"}")
                .exchange());
    }

    private RestTestClientResponse guideVerify(String number, String code) {
        return RestTestClientResponse.from(client.get().uri("/verify_otp/{number}/{code}", number, code).exchange());
    }

    private RestTestClientResponse guideVerify(String number, String code, String forwardedFor) {
        return RestTestClientResponse.from(client.get().uri("/verify_otp/{number}/{code}", number, code)
                .header("X-Forwarded-For", forwardedFor).exchange());
    }

    private static void assertRateLimited(RestTestClientResponse response, long windowSeconds) {
        assertThat(response).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("{\"title\":\"Too many requests\",\"status\":429}");
        long retryAfter = Long.parseLong(response.getExchangeResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, windowSeconds);
    }
}
