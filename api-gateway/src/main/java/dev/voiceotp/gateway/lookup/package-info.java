/** Reading a verification back: only the producer app that created it may see it. */
@NullMarked
package dev.voiceotp.gateway.lookup;

import org.jspecify.annotations.NullMarked;
