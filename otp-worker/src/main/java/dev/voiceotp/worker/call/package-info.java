/** Placing calls through the plivo-java SDK, against Plivo or the project's sandbox. */
@NullMarked
package dev.voiceotp.worker.call;

import org.jspecify.annotations.NullMarked;
