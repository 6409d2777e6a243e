package dev.voiceotp.archfixture.cycle.b;

import dev.voiceotp.archfixture.cycle.a.First;

/** The other half of a package cycle. */
public class Second {
    First first;
}
