/**
 * {@code /sandbox/calls} and {@code /sandbox/api-requests}: what the sandbox was asked to do, what each callee heard
 * and pressed, and a replay of a call's last callback, for tests and people.
 */
@NullMarked
package dev.voiceotp.sandbox.inspect;

import org.jspecify.annotations.NullMarked;
