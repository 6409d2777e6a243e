package dev.voiceotp.sandbox.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;

/** The last {@code max-recorded-calls} Plivo API requests, oldest first, so a long benchmark keeps memory flat. */
@Component
public class ApiRequestLog {

    private final int capacity;
    private final Deque<ApiRequest> requests = new ArrayDeque<>();

    ApiRequestLog(SandboxProperties properties) {
        this.capacity = properties.maxRecordedCalls();
    }

    synchronized void add(ApiRequest request) {
        requests.addLast(request);
        while (requests.size() > capacity) {
            requests.removeFirst();
        }
    }

    /** Oldest first; {@code to} in E.164, or null for all. */
    public synchronized List<ApiRequest> requests(@Nullable String to) {
        return to == null ? new ArrayList<>(requests)
                : requests.stream().filter(request -> request.to().contains(to)).toList();
    }

    public synchronized void clear() {
        requests.clear();
    }
}
