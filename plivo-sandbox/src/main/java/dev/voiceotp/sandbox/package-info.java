/**
 * A local stand-in for Plivo's voice API, so the worker, its tests, the benchmark and a local run can drive the real
 * plivo-java SDK without a Plivo account: Call API and PHLO runs, calls-per-second queueing, signed callbacks, Plivo
 * XML played with DTMF input, scenario rules for every outcome (busy, no answer, machine, API failures), and an
 * inspection API.
 */
@NullMarked
package dev.voiceotp.sandbox;

import org.jspecify.annotations.NullMarked;
