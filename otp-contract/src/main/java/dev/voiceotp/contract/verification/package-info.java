/**
 * The verification as it lives in Redis, shared by the gateway (creates and reads), the worker (issues the
 * code and records the call) and the verifier (checks codes).
 */
@NullMarked
package dev.voiceotp.contract.verification;

import org.jspecify.annotations.NullMarked;
