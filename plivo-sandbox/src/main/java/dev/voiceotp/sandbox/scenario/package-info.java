/**
 * {@code /sandbox/scenarios}: rules that tell the sandbox how the Plivo API answers and what the callee does, per
 * number or for the next N calls, so a test can provoke every outcome the worker must handle.
 */
@NullMarked
package dev.voiceotp.sandbox.scenario;

import org.jspecify.annotations.NullMarked;
