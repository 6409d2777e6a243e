package dev.voiceotp.sandbox.call;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;

/**
 * The calls the inspection API shows, oldest first. Bounded by {@code max-recorded-calls}: the oldest call is
 * forgotten first, so a benchmark placing millions of calls keeps memory flat.
 */
@Component
public class CallStore {

    private final int capacity;
    private final LinkedHashMap<String, CallRecord> calls = new LinkedHashMap<>();

    CallStore(SandboxProperties properties) {
        this.capacity = properties.maxRecordedCalls();
    }

    synchronized void add(CallRecord call) {
        calls.put(call.requestUuid(), call);
        Iterator<CallRecord> oldestFirst = calls.values().iterator();
        while (calls.size() > capacity) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    public synchronized Optional<CallRecord> find(String requestUuid) {
        return Optional.ofNullable(calls.get(requestUuid));
    }

    /** Oldest first. */
    public synchronized List<CallRecord> all() {
        return new ArrayList<>(calls.values());
    }

    /** Oldest first; {@code to} in E.164. */
    public synchronized List<CallRecord> to(String to) {
        return calls.values().stream().filter(call -> call.request().to().equals(to)).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }
}
