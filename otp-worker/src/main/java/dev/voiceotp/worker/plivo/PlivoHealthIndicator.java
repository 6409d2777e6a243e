package dev.voiceotp.worker.plivo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;

/**
 * Readiness contributor {@code plivo}: can this instance open a TCP connection to Plivo's API (or the
 * configured sandbox)? A cheap connect, no request, so no API quota is spent, and its result is reused for
 * {@code plivo-probe-interval}, so frequent probes do not become connection storms. Only the readiness group
 * includes it: an unreachable Plivo takes the instance out of rotation but never gets it restarted.
 */
@Component("plivo")
class PlivoHealthIndicator implements HealthIndicator {

    private static final URI PLIVO_API = URI.create("https://api.plivo.com/");

    private final InetSocketAddress address;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private @Nullable Probe last;

    PlivoHealthIndicator(WorkerProperties properties, Clock clock) {
        URI target = properties.plivo().apiBaseUrl() != null && !properties.plivo().apiBaseUrl().toString().isBlank()
                ? properties.plivo().apiBaseUrl() : PLIVO_API;
        int port = target.getPort() > 0 ? target.getPort() : "http".equalsIgnoreCase(target.getScheme()) ? 80 : 443;
        this.address = InetSocketAddress.createUnresolved(target.getHost(), port);
        this.interval = properties.health().plivoProbeInterval();
        this.timeout = properties.health().plivoProbeTimeout();
        this.clock = clock;
    }

    private record Probe(Instant at, @Nullable String error) {
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(interval))) {
            last = new Probe(now, connect());
        }
        Health.Builder health = last.error() == null ? Health.up() : Health.down().withDetail("error", last.error());
        return health.withDetail("endpoint", address.getHostString() + ":" + address.getPort()).build();
    }

    private @Nullable String connect() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) timeout.toMillis());
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
