/** HMAC-SHA256 keys set up once and used by cloning (code hashes, record and Plivo signatures). */
@NullMarked
package dev.voiceotp.contract.hmac;

import org.jspecify.annotations.NullMarked;
