package dev.voiceotp.sandbox.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.voiceotp.sandbox.SandboxProperties;
import dev.voiceotp.sandbox.callback.CallbackMethod;

class CallStoreTest {

    private final CallStore store = new CallStore(new SandboxProperties("MAVOICEOTPSANDBOX001", "token",
            Duration.ZERO, Duration.ZERO, 3, Duration.ofSeconds(1)));

    @Test
    void shouldForgetTheOldestCallsBeyondItsCapacity() {
        for (int i = 1; i <= 5; i++) {
            store.add(call("req-" + i, "+1415555010" + i));
        }

        assertThat(store.all()).extracting(CallRecord::requestUuid).containsExactly("req-3", "req-4", "req-5");
        assertThat(store.find("req-1")).isEmpty();
    }

    @Test
    void shouldListTheCallsToOneNumberOldestFirst() {
        store.add(call("first", "+14155550111"));
        store.add(call("other", "+14155550122"));
        store.add(call("second", "+14155550111"));

        assertThat(store.to("+14155550111")).extracting(CallRecord::requestUuid).containsExactly("first", "second");
    }

    @Test
    void shouldForgetEverythingWhenCleared() {
        store.add(call("gone", "+14155550111"));

        store.clear();

        assertThat(store.all()).isEmpty();
    }

    private static CallRecord call(String requestUuid, String to) {
        CallRequest request = new CallRequest("+14155550100", to, URI.create("http://localhost/answer"),
                CallbackMethod.POST, null, CallbackMethod.POST, null, null, null, null);
        return new CallRecord(requestUuid, "call-" + requestUuid, request, Clock.systemUTC());
    }
}
