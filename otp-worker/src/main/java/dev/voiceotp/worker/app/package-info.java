/** What each producer app chose for its calls: brand, caller id, language, delivery method, PHLO. */
@NullMarked
package dev.voiceotp.worker.app;

import org.jspecify.annotations.NullMarked;
