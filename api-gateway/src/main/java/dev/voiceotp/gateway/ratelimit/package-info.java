/**
 * Request rate limits per number, producer app, client address and number block, kept in Redis as token buckets
 * that every gateway instance draws from, all of a request's buckets in one script run.
 */
@NullMarked
package dev.voiceotp.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
