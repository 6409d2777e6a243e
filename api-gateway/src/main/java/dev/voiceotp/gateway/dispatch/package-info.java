/**
 * Creating a verification: validate, record it in Redis (one script), publish the request to Kafka and
 * answer once Kafka has acknowledged it; undo the Redis record when Kafka does not.
 */
@NullMarked
package dev.voiceotp.gateway.dispatch;

import org.jspecify.annotations.NullMarked;
