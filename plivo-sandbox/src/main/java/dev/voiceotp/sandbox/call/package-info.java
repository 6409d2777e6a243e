/**
 * Simulated calls: each placed call is a {@link dev.voiceotp.sandbox.call.CallRecord} with an event history, run on
 * its own virtual thread as a {@link dev.voiceotp.sandbox.call.CallScript} of steps and always ended by a hangup.
 * Per-number behaviours (busy, no-answer, machine, slow) are new scripts, chosen in
 * {@link dev.voiceotp.sandbox.call.CallScripts}.
 */
@NullMarked
package dev.voiceotp.sandbox.call;

import org.jspecify.annotations.NullMarked;
