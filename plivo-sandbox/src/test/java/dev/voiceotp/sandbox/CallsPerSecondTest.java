package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.plivo.api.models.call.Call;

import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;
import okhttp3.Credentials;

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

    @Test
    void shouldCountACallWhenItsRequestArrivesNotOnceItsBodyHasBeenRead() throws Exception {
        application.reply("/arrival/answer", 200, "<Response><Speak>Hello.</Speak></Response>");
        String body = "{\"from\":\"" + CALLER + "\",\"to\":\"14155559471\",\"answer_url\":\"" + application.url("/arrival/answer")
                + "\",\"answer_method\":\"POST\"}";

        Instant bodySent = postWithTheBodyLate("/v1/Account/" + AUTH_ID + "/Call/", body);

        // stamped when the request arrived, before its body was read: on a link this slow, Plivo's count is at the headers
        CallSnapshot call = awaitFinished("+14155559471");
        assertThat(call.apiRequestedAt()).isBefore(bodySent.minusMillis(300));
    }

    @Test
    void shouldCountAPhloRunsCallWhenItsRequestArrivesNotOnceItsBodyHasBeenRead() throws Exception {
        String body = "{\"from\":\"" + CALLER + "\",\"to\":\"14155559472\",\"otp\":\"271828\"}";

        Instant bodySent = postWithTheBodyLate("/v1/account/" + AUTH_ID + "/phlo/arrival-phlo", body);

        CallSnapshot call = awaitFinished("+14155559472");
        assertThat(call.apiRequestedAt()).isBefore(bodySent.minusMillis(300));
    }

    /** Sends the request's headers, then its body half a second later, as on a slow link; returns when the body left. */
    private Instant postWithTheBodyLate(String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: " + Credentials.basic(AUTH_ID, AUTH_TOKEN) + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500);
            Instant bodySent = Instant.now();
            out.write(body);
            out.flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 201");
            return bodySent;
        }
    }
}
