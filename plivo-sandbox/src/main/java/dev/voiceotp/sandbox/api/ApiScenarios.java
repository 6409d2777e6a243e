package dev.voiceotp.sandbox.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;
import dev.voiceotp.sandbox.call.CallSimulator;
import dev.voiceotp.sandbox.scenario.ApiBehaviour;
import dev.voiceotp.sandbox.scenario.Scenario;
import dev.voiceotp.sandbox.scenario.ScenarioBook;

/**
 * How the Plivo API (calls and PHLO runs alike) answers one request: validation first, as Plivo does; then one
 * scenario rule per destination decides whether it is refused (500, 429, 400, 403) and how long the answer takes; a
 * full calls-per-second queue refuses with 429. Every request, refused or not, goes into the {@link ApiRequestLog}.
 */
@Component
class ApiScenarios {

    private final ScenarioBook book;
    private final CallSimulator simulator;
    private final ApiRequestLog log;
    private final Duration slowDelay;
    private final Clock clock;

    ApiScenarios(ScenarioBook book, CallSimulator simulator, ApiRequestLog log, SandboxProperties properties,
            Clock clock) {
        this.book = book;
        this.simulator = simulator;
        this.log = log;
        this.slowDelay = properties.slowApiDelay();
        this.clock = clock;
    }

    /**
     * A request that passed its rules: the scenario for each destination, and the delay still owed, either before the
     * calls are fired (a late rule) or after, before the answer (a slow one).
     */
    record Admission(Instant at, String api, List<String> to, List<Scenario> scenarios, Duration fireDelay, Duration answerDelay) {
    }

    /** Validates the request; a refusal is logged and rethrown. */
    <T> T validate(String api, List<String> to, Supplier<T> validation) {
        Instant at = clock.instant();
        try {
            return validation.get();
        } catch (PlivoApiException e) {
            log.add(new ApiRequest(at, api, to, e.status().value(), e.getMessage(), List.of()));
            throw e;
        }
    }

    /** Matches one rule per destination (E.164); a refusing rule answers after its delay. */
    Admission admit(String api, List<String> to) throws InterruptedException {
        Instant at = clock.instant();
        List<Scenario> scenarios = to.stream().map(book::next).toList();
        Duration delay = scenarios.stream().map(this::delay).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        Optional<PlivoApiException> refusal = scenarios.stream().map(Scenario::api)
                .filter(behaviour -> !behaviour.accepts()).findFirst().map(PlivoApiException::toldBy)
                .or(() -> simulator.canQueue(to.size()) ? Optional.empty() : Optional.of(PlivoApiException.queueFull()));
        if (refusal.isPresent()) {
            sleep(delay);
            PlivoApiException refused = refusal.get();
            log.add(new ApiRequest(at, api, to, refused.status().value(), refused.getMessage(), List.of()));
            throw refused;
        }
        boolean firesLate = scenarios.stream().anyMatch(scenario -> scenario.api() == ApiBehaviour.LATE);
        return firesLate ? new Admission(at, api, to, scenarios, delay, Duration.ZERO)
                : new Admission(at, api, to, scenarios, Duration.ZERO, delay);
    }

    /** Before the calls are fired: a late rule holds them (and the answer) back for its delay. */
    void beforeFiring(Admission admission) throws InterruptedException {
        sleep(admission.fireDelay());
    }

    /** The calls were fired; a slow rule holds the answer back only now, so a client that gives up cannot tell. */
    void accepted(Admission admission, List<String> requestUuids) throws InterruptedException {
        log.add(new ApiRequest(admission.at(), admission.api(), admission.to(), 201, null, requestUuids));
        sleep(admission.answerDelay());
    }

    private Duration delay(Scenario scenario) {
        if ((scenario.api() == ApiBehaviour.SLOW || scenario.api() == ApiBehaviour.LATE) && scenario.apiDelayMs() == 0) {
            return slowDelay;
        }
        return Duration.ofMillis(scenario.apiDelayMs());
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (delay.isPositive()) {
            Thread.sleep(delay);
        }
    }
}
