/**
 * The worker: consumes OTP requests from Kafka, issues the code, places the call through plivo-java and serves
 * Plivo's webhooks. The packages follow one request: {@code intake} (listener, validation, dead letters) ->
 * {@code attempt} (pacing slot, code, exactly-once claim, retries on the call schedule) -> {@code plivo} (the
 * Call API and PHLO runs, the account's pacing) -> {@code prompt} (what the call says) -> {@code callflow}
 * (Plivo's callbacks, call outcomes, confirm-in-call). {@link dev.voiceotp.worker.WorkerRedisState} names the
 * worker's own Redis state.
 */
@NullMarked
package dev.voiceotp.worker;

import org.jspecify.annotations.NullMarked;
