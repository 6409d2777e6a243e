/**
 * Requests producer apps publish to Kafka themselves ({@code otp.requests.direct.v1}): authenticated by the app's own
 * record secret, then screened and created exactly as a REST request, before the gateway publishes them to the
 * worker's topic. Refused records go to the topic's dead-letter topic with the reason.
 */
@NullMarked
package dev.voiceotp.gateway.direct;

import org.jspecify.annotations.NullMarked;
