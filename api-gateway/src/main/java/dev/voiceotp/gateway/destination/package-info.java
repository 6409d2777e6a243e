/**
 * Which numbers may be called at all: a country allow-list and the refusal of number types that cost the
 * caller extra or reach no person (toll fraud, IRSF), decided from the number alone before Redis or Kafka.
 */
@NullMarked
package dev.voiceotp.gateway.destination;

import org.jspecify.annotations.NullMarked;
