package dev.voiceotp.archfixture.cycle.a;

import dev.voiceotp.archfixture.cycle.b.Second;

/** Half of a package cycle. */
public class First {
    Second second;
}
