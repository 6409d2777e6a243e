/**
 * Why a request was refused before anything was called: one closed set of reasons shared by the rate limits,
 * the destination policy, the resend caps and the spend guard, so every refusal is answered and counted alike.
 */
@NullMarked
package dev.voiceotp.gateway.refusal;

import org.jspecify.annotations.NullMarked;
