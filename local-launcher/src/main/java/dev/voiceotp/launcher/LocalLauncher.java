package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.testsupport.KafkaBroker;

/**
 * {@code ./run-local}: starts the whole system, prints a ready line with the demo API key and a curl
 * example, and stops everything on Ctrl-C.
 */
public final class LocalLauncher {

    /** The argument of {@link LauncherAotCache}'s training run: start what the launcher starts in-process, then stop. */
    static final String AOT_TRAINING = "--aot-training";

    private static final Logger log = LoggerFactory.getLogger(LocalLauncher.class);

    private LocalLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains(AOT_TRAINING)) {
            try (KafkaBroker kafka = KafkaBroker.start(LocalSettings.REQUEST_PARTITIONS, Topics.OTP_REQUESTS)) {
                log.info("AOT training run: Kafka started at {}", kafka.bootstrapServers());
            }
            System.exit(0);
        }
        Instant started = startOfRun();
        LocalSettings settings = LocalSettings.forLauncher(System.getenv());
        Path logDir = Path.of(System.getProperty("voiceotp.logDir", ".run-local/logs")).toAbsolutePath();
        LocalSystem system = new LocalSystem(settings, logDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping voice-otp...");
            system.close();
            stopped.countDown();
        }, "voice-otp-stop"));
        try {
            system.start();
        } catch (RuntimeException e) {
            log.error("voice-otp did not start: {}", e.getMessage());
            System.exit(1);
        }
        log.info(ReadyBanner.text(system, logDir, Duration.between(started, Instant.now())));
        stopped.await();
    }

    /** When ./run-local finished its build (it says so in VOICE_OTP_STARTED_AT_MS), else when this JVM started. */
    private static Instant startOfRun() {
        String startedAt = System.getenv("VOICE_OTP_STARTED_AT_MS");
        if (startedAt != null && startedAt.matches("\\d+")) {
            return Instant.ofEpochMilli(Long.parseLong(startedAt));
        }
        return ProcessHandle.current().info().startInstant().orElse(Instant.now());
    }
}
