package dev.voiceotp.contract.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.check.CheckResult;

/** The reasons a locked event carries: the wire names consumers read, and which check results lock. */
class LockReasonTest {

    @Test
    void shouldNameTheReasonOfEachLockingResult() {
        assertThat(LockReason.of(CheckResult.LOCKED).wireName()).isEqualTo("max_attempts");
        assertThat(LockReason.of(CheckResult.BUDGET_EXHAUSTED).wireName()).isEqualTo("number_failure_budget");
    }

    @Test
    void shouldRefuseAResultThatLocksNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> LockReason.of(CheckResult.WRONG_CODE))
                .withMessage("wrong_code locks nothing");
    }
}
