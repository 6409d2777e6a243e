/**
 * The worker: consumes OTP requests from Kafka, issues the code, places the call through plivo-java and
 * serves Plivo's webhooks. Read in order: {@code dispatch} (listener, claim), {@code call} (placement),
 * {@code prompt} (what the call says), {@code webhook} (Plivo's callbacks).
 */
@NullMarked
package dev.voiceotp.worker;

import org.jspecify.annotations.NullMarked;
