/**
 * The api-gateway service: {@code dispatch} creates verifications and publishes them to Kafka, after the
 * {@code destination} policy and the {@code ratelimit} buckets let them through and under the resend and
 * {@code spend} caps; {@code lookup} and {@code cancel} let the owning producer app read or withdraw one;
 * {@code event} reports what happened; {@code refusal} is the shared vocabulary of refused requests.
 */
@NullMarked
package dev.voiceotp.gateway;

import org.jspecify.annotations.NullMarked;
