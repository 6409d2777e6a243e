/** What the call says: the prompt text and answer XML, and the encrypted short-lived copy of the code it reads. */
@NullMarked
package dev.voiceotp.worker.prompt;

import org.jspecify.annotations.NullMarked;
