/**
 * Runs the whole system on one machine without Docker or a Plivo account: an in-JVM Kafka broker, a local
 * redis-server, the Plivo sandbox and the three services, each service in its own JVM as in production.
 */
@NullMarked
package dev.voiceotp.launcher;

import org.jspecify.annotations.NullMarked;
