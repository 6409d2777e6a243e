package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./run-local}: starts the whole system, prints a ready line with the demo API key and a curl
 * example, and stops everything on Ctrl-C.
 */
public final class LocalLauncher {

    private static final Logger log = LoggerFactory.getLogger(LocalLauncher.class);

    private LocalLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
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
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        log.info(ReadyBanner.text(system, logDir, Duration.between(jvmStart, Instant.now())));
        stopped.await();
    }
}
