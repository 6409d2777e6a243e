/** Delivery by PHLO run: Plivo's visual workflow calls the number and speaks the code from the run's payload. */
@NullMarked
package dev.voiceotp.worker.phlo;

import org.jspecify.annotations.NullMarked;
