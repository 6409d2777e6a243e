/**
 * Signed webhooks to producer apps: lifecycle events from {@code otp.events.v1}, queued per app and lane in Redis,
 * posted with Standard Webhooks signatures, retried with backoff, dead-lettered when given up.
 */
@NullMarked
package dev.voiceotp.gateway.webhook;

import org.jspecify.annotations.NullMarked;
