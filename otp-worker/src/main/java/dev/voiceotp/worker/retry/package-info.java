/** The call schedule in Redis: retries of failed call attempts, redials, and checks of timed-out requests. */
@NullMarked
package dev.voiceotp.worker.retry;

import org.jspecify.annotations.NullMarked;
