package dev.voiceotp.sandbox.call;

import java.net.URI;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.callback.CallbackClient;
import dev.voiceotp.sandbox.callback.CallbackException;
import dev.voiceotp.sandbox.callback.SignedCallback;

/**
 * Sends a call's last callback again, byte for byte (same nonce, signatures and body), as an attacker who captured
 * it would: lets tests prove that the application's replay protection holds. For inspection use only.
 */
@Component
public class CallbackReplay {

    private final CallStore store;
    private final CallbackClient client;

    CallbackReplay(CallStore store, CallbackClient client) {
        this.store = store;
        this.client = client;
    }

    /** Outcome of one replay request. */
    public sealed interface Result {

        record Answered(String url, int status) implements Result {
        }

        record Unreachable(String url, String reason) implements Result {
        }

        record NoCallbackYet() implements Result {
        }
    }

    /** Empty when no recorded call has this request UUID. */
    public Optional<Result> replayLast(String requestUuid) throws InterruptedException {
        Optional<CallRecord> call = store.find(requestUuid);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        Optional<SignedCallback> last = call.get().lastCallback();
        if (last.isEmpty()) {
            return Optional.of(new Result.NoCallbackYet());
        }
        // without the query: a GET callback carries its parameters (typed digits too) there
        URI target = last.get().target();
        String url = target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath();
        try {
            int status = client.send(last.get()).status();
            call.get().event(CallEvent.Type.CALLBACK_REPLAYED, "last callback replayed: HTTP " + status);
            return Optional.of(new Result.Answered(url, status));
        } catch (CallbackException e) {
            call.get().event(CallEvent.Type.CALLBACK_REPLAYED, "last callback replayed: " + e.getMessage());
            return Optional.of(new Result.Unreachable(url, e.getMessage()));
        }
    }
}
