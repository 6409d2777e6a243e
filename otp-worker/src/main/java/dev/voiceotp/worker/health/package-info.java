/** Readiness of the worker's dependencies beyond what Boot checks itself (Plivo's API). */
@NullMarked
package dev.voiceotp.worker.health;

import org.jspecify.annotations.NullMarked;
