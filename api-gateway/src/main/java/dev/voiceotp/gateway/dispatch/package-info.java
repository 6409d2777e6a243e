/**
 * Creating a verification: validate, screen (destination policy, rate limits), decide and record in Redis with
 * one script (replay, resend cooldown, call caps, spend caps, create), publish the request to Kafka and answer
 * once Kafka has acknowledged it; cancel it as not dispatched when Kafka does not.
 */
@NullMarked
package dev.voiceotp.gateway.dispatch;

import org.jspecify.annotations.NullMarked;
