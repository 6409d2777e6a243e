/** Business meters of calls (docs/metrics.md, otp-worker section), with labels from closed sets only. */
@NullMarked
package dev.voiceotp.worker.metrics;

import org.jspecify.annotations.NullMarked;
