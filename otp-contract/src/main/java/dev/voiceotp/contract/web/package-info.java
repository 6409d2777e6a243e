/** Error responses shared by the HTTP services: always {@code application/problem+json}, never a bare 500. */
@NullMarked
package dev.voiceotp.contract.web;

import org.jspecify.annotations.NullMarked;
