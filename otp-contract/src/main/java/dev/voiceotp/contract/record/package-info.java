/** Authentication of the records producers put on {@code otp.requests.v1}. */
@NullMarked
package dev.voiceotp.contract.record;

import org.jspecify.annotations.NullMarked;
