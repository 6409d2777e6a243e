/**
 * Where requests enter: the Kafka listener (which holds its position while no call slot is free), the checks a
 * record from an open topic must pass, and what happens to records that cannot be processed (dead letters).
 */
@NullMarked
package dev.voiceotp.worker.intake;

import org.jspecify.annotations.NullMarked;
