package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CheckTarget;
import dev.voiceotp.contract.check.CodeCheckScript;
import dev.voiceotp.contract.verification.CodeHashers;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * The verifier runs the shared check script without blocking; the worker's confirm-in-call mode runs it through
 * the contract's {@link CodeCheckScript}. Both must read the same state to the same outcome, so each case here
 * is set up twice, identically, and checked once through each.
 */
class CheckScriptParityTest extends VerifierIntegrationTest {

    private static final String CODE = "570213";
    private static final String WRONG = "000000";

    @Autowired
    private CheckScript script;

    private CodeCheckScript contract;
    private CodeHashers hashers;

    enum Case {
        RIGHT_CODE(CODE, id -> { }),
        WRONG_CODE(WRONG, id -> { }),
        FIFTH_WRONG_CODE(WRONG, set(VerificationFields.FAILED_ATTEMPTS, "4")),
        ALREADY_LOCKED(CODE, set(VerificationFields.STATUS, "max_attempts_reached")),
        ALREADY_USED(CODE, set(VerificationFields.STATUS, "approved")),
        CANCELED(CODE, set(VerificationFields.STATUS, "canceled")),
        EXPIRED(CODE, set(VerificationFields.EXPIRES_AT, "1")),
        NOT_ISSUED_YET(CODE, id -> { }),
        BUDGET_SPENT(CODE, id -> { }),
        LAST_OF_THE_BUDGET(WRONG, id -> { });

        final String code;
        final Consumer<Setup> setup;

        Case(String code, Consumer<Setup> setup) {
            this.code = code;
            this.setup = setup;
        }

        private static Consumer<Setup> set(String field, String value) {
            return setup -> setup.verifications().set(setup.id(), field, value);
        }
    }

    record Setup(Verifications verifications, String id) {
    }

    @BeforeEach
    void contractScript() {
        contract = new CodeCheckScript(codes);
        hashers = codes.checkHashers();
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void shouldReadEveryStateToTheSameOutcomeAsTheContractsScript(Case scenario) throws Exception {
        CheckOutcome ours = check(scenario, (id, hash) -> nonBlocking(CheckTarget.byId(SHOP, id), hash));
        CheckOutcome theirs = check(scenario, (id, hash) -> contract.run(redis, CheckTarget.byId(SHOP, id), hash, clock.millis()));

        assertThat(ours.result()).isEqualTo(theirs.result());
        assertThat(ours.status()).isEqualTo(theirs.status());
        assertThat(ours.attemptsRemaining()).isEqualTo(theirs.attemptsRemaining());
        assertThat(ours.transition()).isEqualTo(theirs.transition());
        assertThat(ours.retryAfter() == null).isEqualTo(theirs.retryAfter() == null);
        if (ours.retryAfter() != null) {
            assertThat(ours.retryAfter()).isBetween(theirs.retryAfter().minusSeconds(2), theirs.retryAfter().plusSeconds(2));
        }
        assertThat(ours.result()).isNotEqualTo(CheckResult.INVALID);
    }

    @ParameterizedTest
    @EnumSource(value = Case.class, names = "RIGHT_CODE")
    void shouldAnswerNotFoundForAnUnknownIdLikeTheContractsScript(Case scenario) throws Exception {
        String unknown = UUID.randomUUID().toString();
        String hash = hashers.candidates(unknown, scenario.code);

        assertThat(nonBlocking(CheckTarget.byId(SHOP, unknown), hash))
                .isEqualTo(contract.run(redis, CheckTarget.byId(SHOP, unknown), hash, clock.millis()));
    }

    private CheckOutcome nonBlocking(CheckTarget target, String codeHash) throws Exception {
        List<?> reply = script.run(contract.keys(target), contract.arguments(target, codeHash, clock.millis())).get();
        return CodeCheckScript.outcome(target.verificationId(), reply);
    }

    private interface Run {
        CheckOutcome check(String id, String codeHash) throws Exception;
    }

    private CheckOutcome check(Case scenario, Run run) throws Exception {
        String phoneNumber = Verifications.uniquePhoneNumber();
        String id = verifications.pending(SHOP, phoneNumber, CODE);
        scenario.setup.accept(new Setup(verifications, id));
        switch (scenario) {
            case NOT_ISSUED_YET -> verifications.remove(id, VerificationFields.CODE_HASH);
            case BUDGET_SPENT -> redis.opsForValue().set(RedisKeys.numberFailures(phoneNumber), "10", Duration.ofMinutes(30));
            case LAST_OF_THE_BUDGET -> redis.opsForValue().set(RedisKeys.numberFailures(phoneNumber), "9", Duration.ofMinutes(30));
            default -> {
            }
        }
        return run.check(id, hashers.candidates(id, scenario.code));
    }
}
