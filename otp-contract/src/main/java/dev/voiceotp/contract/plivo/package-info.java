/** Plivo's callback signatures, shared by the worker (verifies) and the Plivo sandbox (signs). */
@NullMarked
package dev.voiceotp.contract.plivo;

import org.jspecify.annotations.NullMarked;
