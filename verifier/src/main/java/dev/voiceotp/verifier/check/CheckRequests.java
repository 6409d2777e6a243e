package dev.voiceotp.verifier.check;

import org.jspecify.annotations.Nullable;

/** Request bodies of the check endpoints. Fields are nullable so that a missing one is a 400 naming it. */
final class CheckRequests {

    private CheckRequests() {
    }

    /** {@code POST /v1/verifications/{id}/checks}. */
    record ById(@Nullable String code) {
    }

    /** {@code POST /v1/verification-checks}. */
    record ByNumber(@Nullable String phoneNumber, @Nullable String code) {
    }
}
