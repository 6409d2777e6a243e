/** Lifecycle events of verifications ({@code otp.events.v1}), published by all three services. */
@NullMarked
package dev.voiceotp.contract.event;

import org.jspecify.annotations.NullMarked;
