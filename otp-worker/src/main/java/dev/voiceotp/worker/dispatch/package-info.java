/** Consuming OTP requests: validation, exactly-once call claims in Redis, retries and dead letters. */
@NullMarked
package dev.voiceotp.worker.dispatch;

import org.jspecify.annotations.NullMarked;
