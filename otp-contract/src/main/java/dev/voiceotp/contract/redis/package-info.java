/** The Redis client's command timing and tracing shared by the services. */
@NullMarked
package dev.voiceotp.contract.redis;

import org.jspecify.annotations.NullMarked;
