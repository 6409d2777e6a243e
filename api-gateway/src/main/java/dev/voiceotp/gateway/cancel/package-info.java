/**
 * {@code POST /v1/verifications/{id}/cancel}: the owning app withdraws a pending verification, and its code stops
 * working (every check treats canceled as closed).
 */
@NullMarked
package dev.voiceotp.gateway.cancel;

import org.jspecify.annotations.NullMarked;
