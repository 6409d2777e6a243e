package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/** The text a person sees once the local system is up: where everything is, and what to type next. */
final class ReadyBanner {

    private ReadyBanner() {
    }

    /** @param sinceStart the time from the launcher's start (after the build) to ready */
    static String text(LocalSystem system, Path logDir, Duration sinceStart) {
        LocalSettings s = system.settings();
        String plivo = s.realPlivo() == null
                ? "Plivo sandbox http://localhost:" + s.sandboxPort() + "/sandbox/calls (what each call said)"
                : "real Plivo account " + s.realPlivo().authId().substring(0, 4) + "... (calls cost money)";
        return """

                voice-otp is ready in %s s. Demo API key: %s
                  services ready after: %s
                  CPU used to start: %s
                  api-gateway http://localhost:%d   otp-worker http://localhost:%d   verifier http://localhost:%d
                  actuator (health, metrics): each service's port + %d   API docs http://localhost:%d/swagger-ui.html
                  %s
                  %s
                  Kafka %s   %s   logs %s
                Try it in a browser: the line above. Or with curl:
                  curl -s -X POST localhost:%d/v1/verifications -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"phoneNumber":"+14155550123"}'
                  curl -s 'localhost:%d/sandbox/calls?to=%%2B14155550123'
                  curl -s -X POST localhost:%d/v1/verifications/<id>/checks -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"code":"<code>"}'
                Ctrl-C stops everything.
                """.formatted(ServiceLaunches.seconds(sinceStart.toNanos()), s.demoApiKey(), readyTimes(system), startCpu(system), s.gatewayPort(), s.workerPort(), s.verifierPort(),
                ServiceProcess.MANAGEMENT_PORT_OFFSET, s.gatewayPort(), plivo, system.demoApp()
                        .map(demo -> "Open " + demo.pageUrl() + " (sign up with a number)" + (s.realPlivo() == null
                                ? " and http://localhost:" + s.sandboxPort() + "/ (the phone: hear the code)" : "")
                                + "; the demo app's signed webhooks: " + (s.demoCallback() != null ? s.demoCallback().url() : demo.url()))
                        .orElse("no demo webhooks (benchmark run)"),
                system.kafkaBootstrapServers(), system.redis().description(), logDir,
                s.gatewayPort(), s.demoApiKey(), s.sandboxPort(), s.verifierPort(), s.demoApiKey());
    }

    private static String readyTimes(LocalSystem system) {
        return system.services().stream()
                .map(service -> service.name() + " " + service.readyAfter().map(after -> ServiceLaunches.seconds(after.toNanos()) + " s").orElse("?"))
                .collect(Collectors.joining(", "));
    }

    /** Processor time to ready: this launcher (Kafka, and the AOT training runs it waited for) and each service. */
    private static String startCpu(LocalSystem system) {
        ProcessHandle.Info launcher = ProcessHandle.current().info();
        double services = system.services().stream().flatMap(service -> service.cpuWhenReady().stream()).mapToLong(Duration::toNanos).sum() / 1e9;
        return "launcher and Kafka %s s, services %.1f s".formatted(
                launcher.totalCpuDuration().map(cpu -> ServiceLaunches.seconds(cpu.toNanos())).orElse("?"), services);
    }
}
