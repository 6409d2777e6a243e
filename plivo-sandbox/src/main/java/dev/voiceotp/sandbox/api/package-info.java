/** Plivo's Call API as the SDK calls it: Basic auth, JSON in, Plivo's JSON bodies out, errors included. */
@NullMarked
package dev.voiceotp.sandbox.api;

import org.jspecify.annotations.NullMarked;
