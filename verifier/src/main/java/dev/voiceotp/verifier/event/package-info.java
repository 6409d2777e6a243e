/**
 * Lifecycle events the verifier owns ({@code approved}, {@code locked}, {@code expired}) on {@code otp.events.v1},
 * sent off the request thread so that Kafka never slows a check down.
 */
@NullMarked
package dev.voiceotp.verifier.event;

import org.jspecify.annotations.NullMarked;
