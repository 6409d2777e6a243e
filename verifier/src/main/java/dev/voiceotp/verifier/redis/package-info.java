/** How the verifier's Redis client is observed: in full inside traced requests, by a timer otherwise. */
@NullMarked
package dev.voiceotp.verifier.redis;

import org.jspecify.annotations.NullMarked;
