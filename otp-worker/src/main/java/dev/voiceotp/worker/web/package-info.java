/** The worker's HTTP plumbing that is not about Plivo's callflow itself. */
@NullMarked
package dev.voiceotp.worker.web;

import org.jspecify.annotations.NullMarked;
