package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CheckTarget;
import dev.voiceotp.contract.check.CodeCheckScript;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpEventsTopic;
import dev.voiceotp.gateway.OtpRequestsTopic;
import dev.voiceotp.gateway.event.RelayedEvents;

/**
 * Resend rules: inside the cooldown (30 s) a repeated request gets the pending verification back and causes no
 * call; after it, a new verification replaces the pending one; calls per number are capped at 5 an hour and 10 a
 * day over all apps. Decided in the create script, so parallel requests cannot both call.
 */
class ResendTest extends GatewayIntegrationTest {

    @Autowired
    private CodeProperties codes;

    private static final Duration PAST_COOLDOWN = Duration.ofSeconds(31);

    @Test
    void shouldReturnThePendingVerificationInsideTheCooldownWithoutCallingAgain() throws Exception {
        String first = createdId(SHOP_KEY, "+14155550191");
        clock.advance(Duration.ofSeconds(29));

        MvcTestResult again = create(SHOP_KEY, "+14155550191", null, null);

        assertThat(again).hasStatus(HttpStatus.ACCEPTED).hasHeader(HttpHeaders.LOCATION, "/v1/verifications/" + first);
        assertThat(idOf(again)).isEqualTo(first);
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550191")).hasSize(1);
        assertThat(hash(first)).containsEntry("status", "pending");
        assertThat(scrape()).containsPattern("otp_requests_total\\{app=\"shop\",application=\"api-gateway\",outcome=\"pending_reused\"} [1-9]");
    }

    @Test
    void shouldKeepTheCooldownPerApp() throws Exception {
        String shops = createdId(SHOP_KEY, "+14155550192");

        String others = createdId(OTHER_KEY, "+14155550192");

        assertThat(others).isNotEqualTo(shops);
        assertThat(hash(shops)).containsEntry("status", "pending");
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550192")).hasSize(2);
    }

    @Test
    void shouldReplaceThePendingVerificationAfterTheCooldownSoItsCodeStopsWorking() throws Exception {
        String old = createdId(SHOP_KEY, "+14155550193");
        // as the worker would after the call: the code's keyed hash
        redis.opsForHash().put(RedisKeys.verification(old), "codeHash", "old-code-hash");
        clock.advance(PAST_COOLDOWN);

        String replacement = createdId(SHOP_KEY, "+14155550193");

        assertThat(replacement).isNotEqualTo(old);
        assertThat(hash(old)).containsEntry("status", "canceled").containsEntry("failureReason", "replaced").containsKey("canceledAt");
        assertThat(new CodeCheckScript(codes).run(redis, CheckTarget.byId("shop", old), "old-code-hash", clock.millis()).result())
                .isEqualTo(CheckResult.CLOSED);
        assertThat(redis.opsForValue().get(RedisKeys.latestForNumber("shop", "+14155550193"))).isEqualTo(replacement);
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), old)).isNull();
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), replacement)).isNotNull();
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550193")).hasSize(2);
        // the event relay reports the replaced verification from the replacement's request record
        assertThat(OtpRequestsTopic.messagesFor(replacement)).singleElement()
                .satisfies(message -> assertThat(message.headers()).containsEntry(RelayedEvents.REPLACES_HEADER, old));
        assertThat(OtpEventsTopic.awaitEvent("shop", old, "canceled"))
                .filteredOn(event -> "canceled".equals(event.value().path("type").asString())).singleElement()
                .satisfies(event -> assertThat(event.value().path("reason").asString()).isEqualTo("replaced"));
    }

    @Test
    void shouldCapCallsPerNumberPerHourOverAllApps() throws Exception {
        String number = "+14155550194";
        for (int call = 0; call < 5; call++) {
            clock.advance(PAST_COOLDOWN);
            createdId(call % 2 == 0 ? SHOP_KEY : OTHER_KEY, number);
        }
        clock.advance(PAST_COOLDOWN);

        MvcTestResult refused = create(SHOP_KEY, number, null, null);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).bodyJson().extractingPath("$.reason").isEqualTo("number_calls_hourly");
        // the first of the five calls leaves the rolling hour 3600 - 5 x 31 s from now
        assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(3400L, 3446L);
        assertThat(OtpRequestsTopic.messagesForNumber(number)).hasSize(5);
        assertThat(scrape()).containsPattern("otp_refusals_total\\{app=\"shop\",application=\"api-gateway\",reason=\"number_calls_hourly\"} [1-9]");
    }

    @Test
    void shouldCapCallsPerNumberPerDay() throws Exception {
        String number = "+14155550195";
        for (int hour = 0; hour < 2; hour++) {
            for (int call = 0; call < 5; call++) {
                clock.advance(PAST_COOLDOWN);
                createdId(SHOP_KEY, number);
            }
            clock.advance(Duration.ofHours(1));
        }

        MvcTestResult refused = create(SHOP_KEY, number, null, null);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS).bodyJson().extractingPath("$.reason").isEqualTo("number_calls_daily");
        assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER)))
                .isBetween(Duration.ofHours(21).toSeconds(), Duration.ofHours(22).toSeconds());
        assertThat(OtpRequestsTopic.messagesForNumber(number)).hasSize(10);
    }

    @Test
    void shouldLetOnlyOneOfParallelRequestsCall() throws Exception {
        String number = "+14155550196";
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MvcTestResult>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return create(SHOP_KEY, number, null, null);
                }));
            }
            start.countDown();
        }

        Set<String> ids = new HashSet<>();
        for (Future<MvcTestResult> result : results) {
            assertThat(result.get()).hasStatus(HttpStatus.ACCEPTED);
            ids.add(idOf(result.get()));
        }
        assertThat(ids).hasSize(1);
        assertThat(OtpRequestsTopic.messagesForNumber(number)).hasSize(1);
    }
}
