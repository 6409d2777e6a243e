/**
 * The atomic code check (one Lua script), shared by the verifier's API and the worker's confirm-in-call mode
 * so that both count attempts, lock and approve in exactly the same way.
 */
@NullMarked
package dev.voiceotp.contract.check;

import org.jspecify.annotations.NullMarked;
