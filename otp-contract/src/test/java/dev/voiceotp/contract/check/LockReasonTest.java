package dev.voiceotp.contract.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.event.LockReason;

/** The reasons a locked event carries: the wire names consumers read, and which check results lock. */
class LockReasonTest {

    @Test
    void shouldNameTheReasonOfEachLockingResult() {
        assertThat(CodeCheck.lockReason(CheckResult.LOCKED).wireName()).isEqualTo("max_attempts");
        assertThat(CodeCheck.lockReason(CheckResult.BUDGET_EXHAUSTED).wireName()).isEqualTo("number_failure_budget");
    }

    @Test
    void shouldRefuseAResultThatLocksNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> CodeCheck.lockReason(CheckResult.WRONG_CODE))
                .withMessage("wrong_code locks nothing");
    }
}
