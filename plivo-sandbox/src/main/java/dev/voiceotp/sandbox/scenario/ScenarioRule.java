package dev.voiceotp.sandbox.scenario;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A rule as {@code GET /sandbox/scenarios} shows it: the posted fields, an id, and in {@code count} how many uses
 * are left.
 */
public record ScenarioRule(String id, @Nullable String number, @Nullable Integer count, ApiBehaviour api,
        long apiDelayMs, Outcome outcome, List<String> digits) {

    static ScenarioRule of(String id, Scenario scenario, @Nullable Integer remaining) {
        return new ScenarioRule(id, scenario.number(), remaining, scenario.api(), scenario.apiDelayMs(),
                scenario.outcome(), scenario.digits());
    }
}
