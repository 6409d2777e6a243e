package dev.voiceotp.archfixture.shared;

import dev.voiceotp.testsupport.MutableClock;

/** Main code reaching into another module than the contract. */
public class UsesTheTestKit {
    MutableClock clock;
}
