package dev.voiceotp.archfixture.clean.store;

/** Owns its script; the web layer calls this. */
public class ClaimStore {
    ClaimScript script;

    /** Stands for a Lua script class, behind the store. */
    static class ClaimScript {
    }
}
