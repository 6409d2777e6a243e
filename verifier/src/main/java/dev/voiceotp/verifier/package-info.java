/**
 * The verifier service: checks the codes people type in against the verification hash in Redis, so a
 * producer app learns whether the number belongs to the person in front of it.
 */
@NullMarked
package dev.voiceotp.verifier;

import org.jspecify.annotations.NullMarked;
