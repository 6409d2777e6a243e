package dev.voiceotp.contract.verification;

import java.util.List;

/**
 * The hashers a check accepts: the current HMAC secret's, then those of secrets being rotated out. The worker
 * always hashes new codes with the first; a check sends all candidate hashes to the check script, which accepts
 * a stored hash equal to any of them.
 */
public final class CodeHashers {

    private final List<CodeHasher> hashers;

    CodeHashers(List<CodeHasher> hashers) {
        this.hashers = List.copyOf(hashers);
    }

    /** The candidate hashes of a submitted code, separated by spaces, as the check script takes them. */
    public String candidates(String verificationId, CharSequence code) {
        StringBuilder candidates = new StringBuilder();
        for (CodeHasher hasher : hashers) {
            if (!candidates.isEmpty()) {
                candidates.append(' ');
            }
            candidates.append(hasher.hash(verificationId, code));
        }
        return candidates.toString();
    }
}
