package dev.voiceotp.worker;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.OtpRequest;

/**
 * What the call-flow tests share beyond {@link WorkerIntegrationTest}: requests of any of the test apps (see
 * {@link WorkerTestConfig}: a plain one, one with its own caller id and language, one delivering by PHLO), to
 * numbers no other test uses.
 */
final class CallFlowTestSupport {

    private static final AtomicInteger NEXT = new AtomicInteger(100);

    private CallFlowTestSupport() {
    }

    /** A US number that no other test calls. */
    static String nextNumber() {
        return "+1415557" + (1000 + NEXT.getAndIncrement());
    }

    static OtpRequest request(String appId, String number, @Nullable String locale, @Nullable DeliveryMethod delivery) {
        Instant now = Instant.now();
        return OtpRequest.of(UUID.randomUUID().toString(), appId, number, locale, now, now.plusSeconds(600), delivery);
    }
}
