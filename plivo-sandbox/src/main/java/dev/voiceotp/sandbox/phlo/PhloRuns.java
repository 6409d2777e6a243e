package dev.voiceotp.sandbox.phlo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;

/** The last {@code max-recorded-calls} PHLO runs, oldest first, so a long benchmark keeps memory flat. */
@Component
public class PhloRuns {

    private final int capacity;
    private final Deque<PhloRun> runs = new ArrayDeque<>();

    PhloRuns(SandboxProperties properties) {
        this.capacity = properties.maxRecordedCalls();
    }

    synchronized void add(PhloRun run) {
        runs.addLast(run);
        while (runs.size() > capacity) {
            runs.removeFirst();
        }
    }

    synchronized List<PhloRun> all() {
        return List.copyOf(runs);
    }

    public synchronized void clear() {
        runs.clear();
    }
}
