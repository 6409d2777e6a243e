/**
 * A local stand-in for Plivo's voice API, so the worker, its tests, the benchmark and a local run can drive the real
 * plivo-java SDK without a Plivo account: Call API, signed answer and hangup callbacks, and an inspection API.
 */
@NullMarked
package dev.voiceotp.sandbox;

import org.jspecify.annotations.NullMarked;
