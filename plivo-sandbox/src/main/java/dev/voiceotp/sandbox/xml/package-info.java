/** Reads the Plivo XML an answer URL returns, safely, and works out what the callee would hear. */
@NullMarked
package dev.voiceotp.sandbox.xml;

import org.jspecify.annotations.NullMarked;
