/**
 * Simulated calls: each placed call is a {@link dev.voiceotp.sandbox.call.CallRecord} with an event history, queued
 * by the account's calls-per-second, then run on its own virtual thread as a
 * {@link dev.voiceotp.sandbox.call.CallScript} of steps chosen from its scenario's outcome
 * ({@link dev.voiceotp.sandbox.call.CallScripts}), playing the application's XML
 * ({@link dev.voiceotp.sandbox.call.XmlPlayer}) and always ended by a hangup.
 */
@NullMarked
package dev.voiceotp.sandbox.call;

import org.jspecify.annotations.NullMarked;
