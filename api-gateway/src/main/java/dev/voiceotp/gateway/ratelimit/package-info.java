/**
 * Request rate limits per number, producer app, client address and number block, kept in Redis with Bucket4j
 * so that every gateway instance draws from the same buckets.
 */
@NullMarked
package dev.voiceotp.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
