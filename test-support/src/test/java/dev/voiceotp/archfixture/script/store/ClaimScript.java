package dev.voiceotp.archfixture.script.store;

/** Stands for a Lua script class. */
public class ClaimScript {
}
