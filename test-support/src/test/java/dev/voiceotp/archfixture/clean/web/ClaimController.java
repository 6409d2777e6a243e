package dev.voiceotp.archfixture.clean.web;

import dev.voiceotp.archfixture.clean.store.ClaimStore;

/** A controller going through the store. */
public class ClaimController {
    ClaimStore store;
}
