/**
 * Reporting expiry: a pending verification simply stops being accepted when its time is up (the check script
 * compares expiresAt with the caller's clock), but producer apps and the conversion metrics also need to hear
 * that it expired. A scheduled sweep takes due ids from {@code {otp}:expiries} atomically and reports them once.
 */
@NullMarked
package dev.voiceotp.verifier.expiry;

import org.jspecify.annotations.NullMarked;
