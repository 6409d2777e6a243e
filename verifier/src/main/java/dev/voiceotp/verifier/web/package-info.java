/**
 * The verifier's HTTP edge on WebFlux: problem answers, JSON bodies, and the lean observation of the check routes.
 */
@NullMarked
package dev.voiceotp.verifier.web;

import org.jspecify.annotations.NullMarked;
