/** Confirm-in-call: the code typed on the keypad, checked by the same atomic script as the verifier's API. */
@NullMarked
package dev.voiceotp.worker.confirm;

import org.jspecify.annotations.NullMarked;
