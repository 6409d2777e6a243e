/** The Kafka contract between producer apps (the gateway among them) and the worker. */
@NullMarked
package dev.voiceotp.contract;

import org.jspecify.annotations.NullMarked;
