/** Spend accounting of the calls the worker places beyond a verification's first, which the gateway charged. */
@NullMarked
package dev.voiceotp.worker.spend;

import org.jspecify.annotations.NullMarked;
