/**
 * The call as it happens: Plivo's signed callbacks (answer, digits, ring, hangup), replay protection, the call
 * outcome recorded atomically with its events and metrics, and confirm-in-call (the code typed on the keypad,
 * checked by the verifier's atomic script).
 */
@NullMarked
package dev.voiceotp.worker.callflow;

import org.jspecify.annotations.NullMarked;
