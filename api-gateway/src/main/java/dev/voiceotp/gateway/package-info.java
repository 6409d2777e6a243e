/**
 * The api-gateway service: {@code dispatch} creates verifications and publishes them to Kafka,
 * {@code lookup} lets the owning producer app read one back.
 */
@NullMarked
package dev.voiceotp.gateway;

import org.jspecify.annotations.NullMarked;
