package dev.voiceotp.sandbox.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rules in force, newest first. The Call API and PHLO runs ask it once per destination and per request, so a
 * rule with a {@code count} runs out exactly after that many requests even under concurrency (every access holds
 * the book's lock; rules are few and matching is a short scan).
 */
@Component
public class ScenarioBook {

    /** Enough for any test; a bound so a runaway script cannot grow the sandbox without limit. */
    static final int MAX_RULES = 1000;

    private final Deque<Entry> newestFirst = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    private static final class Entry {
        final String id;
        final Scenario scenario;
        @Nullable Integer remaining;

        Entry(String id, Scenario scenario) {
            this.id = id;
            this.scenario = scenario;
            this.remaining = scenario.count();
        }

        ScenarioRule rule() {
            return ScenarioRule.of(id, scenario, remaining);
        }
    }

    synchronized ScenarioRule add(Scenario scenario) {
        if (newestFirst.size() >= MAX_RULES) {
            throw new ScenarioBookFullException(MAX_RULES);
        }
        Entry entry = new Entry("rule-" + ids.incrementAndGet(), scenario);
        newestFirst.addFirst(entry);
        return entry.rule();
    }

    /** The scenario for the next request to {@code to} (E.164), using up one count of the rule that matched. */
    public synchronized Scenario next(String to) {
        for (Iterator<Entry> rules = newestFirst.iterator(); rules.hasNext();) {
            Entry entry = rules.next();
            if (entry.scenario.matches(to)) {
                if (entry.remaining != null && --entry.remaining == 0) {
                    rules.remove();
                }
                return entry.scenario;
            }
        }
        return Scenario.ANSWERED;
    }

    synchronized List<ScenarioRule> rules() {
        return newestFirst.stream().map(Entry::rule).toList();
    }

    synchronized void clear() {
        newestFirst.clear();
    }
}
