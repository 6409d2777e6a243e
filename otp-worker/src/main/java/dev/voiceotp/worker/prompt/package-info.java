/** What the call says: codes, their encrypted short-lived copy, and the answer XML. */
@NullMarked
package dev.voiceotp.worker.prompt;

import org.jspecify.annotations.NullMarked;
