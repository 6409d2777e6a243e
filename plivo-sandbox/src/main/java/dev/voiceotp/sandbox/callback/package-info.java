/** Requests the sandbox makes to the application, signed the way Plivo signs them (V3). */
@NullMarked
package dev.voiceotp.sandbox.callback;

import org.jspecify.annotations.NullMarked;
