package dev.voiceotp.worker;

import java.util.Locale;
import java.util.Map;

import dev.voiceotp.worker.WorkerProperties.Voicemail.Mode;

/**
 * Worker settings for unit tests of the call flow: the defaults of WorkerProperties (bound like Boot binds them,
 * so new properties with defaults do not break these tests), with the call flow chosen.
 */
public final class WorkerPropertiesFixture {

    public static final String PUBLIC_BASE_URL = "https://worker.example.com";

    private WorkerPropertiesFixture() {
    }

    public static WorkerProperties callFlow(Mode voicemail, boolean confirmInCall) {
        return TestProperties.worker(Map.of(
                "voice-otp.worker.public-base-url", PUBLIC_BASE_URL,
                "voice-otp.worker.voicemail.mode", voicemail.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "voice-otp.worker.confirm-in-call", Boolean.toString(confirmInCall)));
    }
}
