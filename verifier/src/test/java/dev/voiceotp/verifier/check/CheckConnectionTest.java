package dev.voiceotp.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * The check connections are open by the time the context has started: a check that arrives at the first moment
 * (or right after a paused test context starts again) is answered, not refused as if Redis were down.
 */
class CheckConnectionTest extends VerifierIntegrationTest {

    @Autowired
    private CheckConnection connection;

    @Test
    void shouldAnswerTheFirstCheckAfterTheConnectionsStartAgain() {
        String id = verifications.pending(SHOP, Verifications.uniquePhoneNumber(), "613579");
        connection.stop();
        connection.start();

        assertThat(checkCode(SHOP_KEY, id, "613579")).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("approved");
    }
}
