/** Kafka plumbing the services share. */
@NullMarked
package dev.voiceotp.contract.kafka;

import org.jspecify.annotations.NullMarked;
