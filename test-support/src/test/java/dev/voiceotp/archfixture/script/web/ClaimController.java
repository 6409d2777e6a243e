package dev.voiceotp.archfixture.script.web;

import dev.voiceotp.archfixture.script.store.ClaimScript;

/** A controller running a script itself. */
public class ClaimController {
    ClaimScript script;
}
