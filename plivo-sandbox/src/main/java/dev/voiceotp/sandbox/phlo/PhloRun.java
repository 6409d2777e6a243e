package dev.voiceotp.sandbox.phlo;

import java.time.Instant;

import dev.voiceotp.sandbox.call.CallRecord;

/** One PHLO run and the call it placed; its status and spoken text are the call's. */
public record PhloRun(String phloRunId, String phloId, String from, String to, Instant at, CallRecord call) {

    PhloRunSnapshot snapshot() {
        var snapshot = call.snapshot();
        return new PhloRunSnapshot(phloRunId, phloId, from, to, snapshot.status().wireName(), snapshot.spokenText(),
                at, snapshot.requestUuid());
    }
}
