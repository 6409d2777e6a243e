/**
 * The verify endpoint of Plivo's voice-OTP guide, kept so that apps built on the guide can switch over
 * without changing their client code.
 */
@NullMarked
package dev.voiceotp.verifier.legacy;

import org.jspecify.annotations.NullMarked;
