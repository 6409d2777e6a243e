/**
 * Plivo's side of a call attempt through the plivo-java SDK, against Plivo or the project's sandbox: the Call API
 * and PHLO runs with one way of sorting their failures, the account-wide calls-per-second pacing, and Plivo's
 * readiness probe.
 */
@NullMarked
package dev.voiceotp.worker.plivo;

import org.jspecify.annotations.NullMarked;
