package dev.voiceotp.worker;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.voiceotp.contract.verification.CodeProperties;

/** Configuration records bound the way Boot binds them (defaults included), for tests without a context. */
public final class TestProperties {

    private TestProperties() {
    }

    public static WorkerProperties worker(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                "voice-otp.worker.plivo.auth-id", "MAVOICEOTPSANDBOX001",
                "voice-otp.worker.plivo.auth-token", "token",
                "voice-otp.worker.plivo.from-number", "+14155550100",
                "voice-otp.worker.prompt.encryption-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        values.putAll(overrides);
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("voice-otp.worker", WorkerProperties.class);
    }

    public static CodeProperties code() {
        return new Binder(new MapConfigurationPropertySource(Map.of("voice-otp.code.hmac-secret", "x".repeat(32))))
                .bindOrCreate("voice-otp.code", CodeProperties.class);
    }
}
