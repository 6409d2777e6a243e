/**
 * Lifecycle events the gateway publishes on {@code otp.events.v1}: {@code requested} once Kafka holds a request,
 * {@code canceled} when an app cancels a verification or a resend replaces it.
 */
@NullMarked
package dev.voiceotp.gateway.event;

import org.jspecify.annotations.NullMarked;
