/** The account-wide calls-per-second limit, shared by every worker instance through Redis. */
@NullMarked
package dev.voiceotp.worker.pacing;

import org.jspecify.annotations.NullMarked;
