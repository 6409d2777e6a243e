/**
 * Checking a submitted code: by verification id or by the newest verification for a number, in one atomic
 * Redis script per check.
 */
@NullMarked
package dev.voiceotp.verifier.check;

import org.jspecify.annotations.NullMarked;
