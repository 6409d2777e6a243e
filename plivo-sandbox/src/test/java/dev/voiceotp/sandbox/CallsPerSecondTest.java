package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.plivo.api.models.call.Call;

import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;

/** Plivo's 2 calls per second per account: calls above it are accepted at once and queued, not refused. */
class CallsPerSecondTest extends SdkTestSupport {

    @Test
    void shouldAcceptABurstAtOnceButStartTheCallsHalfASecondApart() throws Exception {
        application.reply("/paced/answer", 200, "<Response><Speak>Hello.</Speak></Response>");
        List<String> numbers = IntStream.rangeClosed(1, 5).mapToObj(i -> "1415555017" + i).toList();

        for (String number : numbers) {
            Call.creator(CALLER, List.of(number), application.url("/paced/answer")).client(sdk()).create();
        }

        List<CallSnapshot> calls = new ArrayList<>();
        for (String number : numbers) {
            calls.add(awaitFinished("+" + number));
        }
        calls.sort(Comparator.comparing(CallSnapshot::queuedUntil));
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i - 1).queuedUntil(), calls.get(i).queuedUntil()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
        CallSnapshot last = calls.getLast();
        assertThat(Duration.between(last.apiRequestedAt(), last.queuedUntil())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(last.events()).extracting(CallEvent::type).contains(CallEvent.Type.QUEUED);
        assertThat(last.events().stream().filter(event -> event.type() == CallEvent.Type.RINGING).findFirst().orElseThrow().at())
                .isAfterOrEqualTo(last.queuedUntil());
    }
}
