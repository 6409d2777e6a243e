/** Lifecycle events of the worker's part of a verification (placed, ringing, answered, ended, failed). */
@NullMarked
package dev.voiceotp.worker.event;

import org.jspecify.annotations.NullMarked;
