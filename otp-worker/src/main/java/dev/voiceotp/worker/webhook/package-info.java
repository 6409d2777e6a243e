/** Plivo's callbacks: signature-checked answer (returns the prompt XML) and hangup (records the outcome). */
@NullMarked
package dev.voiceotp.worker.webhook;

import org.jspecify.annotations.NullMarked;
