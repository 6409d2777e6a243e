package dev.voiceotp.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/** Each rule fails on a fixture package that breaks it (dev.voiceotp.archfixture), and passes a clean one. */
class ServiceArchitectureTest {

    @Test
    void shouldPassALayoutThatKeepsTheRules() {
        assertThatCode(() -> fixture("clean").verify()).doesNotThrowAnyException();
    }

    @Test
    void shouldFindAPackageCycle() {
        assertThatThrownBy(() -> fixture("cycle").verify()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("free of cycles").hasMessageContaining("First").hasMessageContaining("Second");
    }

    @Test
    void shouldFindAControllerRunningARedisScript() {
        assertThatThrownBy(() -> fixture("script").verify()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("are Redis scripts").hasMessageContaining("ClaimController");
    }

    @Test
    void shouldFindCodeSharedOutsideTheContract() {
        assertThatThrownBy(() -> fixture("shared").verify()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("only through otp-contract").hasMessageContaining("UsesTheTestKit");
    }

    private static ServiceArchitecture fixture(String name) {
        String basePackage = "dev.voiceotp.archfixture." + name;
        return new ServiceArchitecture(basePackage, new ClassFileImporter().importPackages(basePackage));
    }
}
