/** Phone numbers: validation to E.164 with libphonenumber, and masking for logs. */
@NullMarked
package dev.voiceotp.contract.phone;

import org.jspecify.annotations.NullMarked;
