/** Real Kafka and Redis for tests, started by the tests themselves on free ports. */
@NullMarked
package dev.voiceotp.testsupport;

import org.jspecify.annotations.NullMarked;
