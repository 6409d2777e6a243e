package dev.voiceotp.sandbox.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.voiceotp.sandbox.TestProperties;

class CallStoreTest {

    private final CallStore store = new CallStore(TestProperties.keeping(3));

    @Test
    void shouldForgetTheOldestCallsBeyondItsCapacity() {
        for (int i = 1; i <= 5; i++) {
            store.add(Calls.to("req-" + i, "+1415555010" + i));
        }

        assertThat(store.all()).extracting(CallRecord::requestUuid).containsExactly("req-3", "req-4", "req-5");
        assertThat(store.find("req-1")).isEmpty();
    }

    @Test
    void shouldListTheCallsToOneNumberOldestFirst() {
        store.add(Calls.to("first", "+14155550111"));
        store.add(Calls.to("other", "+14155550122"));
        store.add(Calls.to("second", "+14155550111"));

        assertThat(store.to("+14155550111")).extracting(CallRecord::requestUuid).containsExactly("first", "second");
    }

    @Test
    void shouldForgetEverythingWhenCleared() {
        store.add(Calls.to("gone", "+14155550111"));

        store.clear();

        assertThat(store.all()).isEmpty();
    }
}
