/**
 * PHLO runs: the sandbox plays the voice-OTP PHLO of Plivo's guide (initiate a call, speak the code) for any PHLO id,
 * and {@code GET /sandbox/phlo-runs} shows each run with what its call said.
 */
@NullMarked
package dev.voiceotp.sandbox.phlo;

import org.jspecify.annotations.NullMarked;
