/**
 * The spend guard: caps on the calls an app may cause per UTC day and on the calls to one destination country
 * per hour, counted in Redis by the create script (which charges only requests that really place a call).
 */
@NullMarked
package dev.voiceotp.gateway.spend;

import org.jspecify.annotations.NullMarked;
