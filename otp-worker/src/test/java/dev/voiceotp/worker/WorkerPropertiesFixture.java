package dev.voiceotp.worker;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.voiceotp.worker.WorkerProperties.Voicemail.Mode;

/** Worker settings for unit tests: the defaults of application.yml and WorkerProperties, with the call flow chosen. */
public final class WorkerPropertiesFixture {

    public static final String PUBLIC_BASE_URL = "https://worker.example.com";

    private WorkerPropertiesFixture() {
    }

    public static WorkerProperties callFlow(Mode voicemail, boolean confirmInCall) {
        return new WorkerProperties(URI.create(PUBLIC_BASE_URL), 1, "dlt",
                new WorkerProperties.Plivo("MAVOICEOTPSANDBOX001", "token", List.of(), null, "+14155550100", null,
                        Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10)),
                new WorkerProperties.Prompt("key", "en-US", "85%", 2, 2, Duration.ofMillis(400)),
                new WorkerProperties.Retry(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(3), Duration.ofSeconds(90)),
                new WorkerProperties.Phlo(null, null), new WorkerProperties.Voicemail(voicemail), confirmInCall);
    }
}
