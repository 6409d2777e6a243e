/** Producer apps and their API keys: who may create, read and check which verification. */
@NullMarked
package dev.voiceotp.contract.app;

import org.jspecify.annotations.NullMarked;
