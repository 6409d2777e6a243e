/** {@code /sandbox/calls}: what the sandbox was asked to do and what the callee heard, for tests and people. */
@NullMarked
package dev.voiceotp.sandbox.inspect;

import org.jspecify.annotations.NullMarked;
