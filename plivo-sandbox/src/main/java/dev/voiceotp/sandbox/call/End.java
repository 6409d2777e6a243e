package dev.voiceotp.sandbox.call;

import java.util.Optional;

/** The call ends here with this cause: a busy line, a ring timeout, a network failure. */
record End(HangupCause cause) implements CallStep {

    @Override
    public Optional<HangupCause> run(CallRecord call) {
        return Optional.of(cause);
    }
}
