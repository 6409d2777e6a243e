/**
 * Call attempts: each takes the account's pacing slot, issues its code and claims the call atomically in Redis,
 * so a verification is called at most once per attempt; transient failures, timed-out requests and redials wait
 * on the call schedule in Redis and come back through the same path.
 */
@NullMarked
package dev.voiceotp.worker.attempt;

import org.jspecify.annotations.NullMarked;
