/** Tracing decisions shared by the services. */
@NullMarked
package dev.voiceotp.contract.tracing;

import org.jspecify.annotations.NullMarked;
