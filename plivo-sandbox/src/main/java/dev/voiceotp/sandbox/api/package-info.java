/**
 * Plivo's APIs as the SDK calls them (Call API, PHLO runner): Basic auth, JSON in, Plivo's JSON bodies out, errors
 * included, with the scenario rules deciding refusals and delays.
 */
@NullMarked
package dev.voiceotp.sandbox.api;

import org.jspecify.annotations.NullMarked;
