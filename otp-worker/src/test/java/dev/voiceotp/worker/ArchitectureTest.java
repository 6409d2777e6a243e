package dev.voiceotp.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.voiceotp.testsupport.ServiceArchitecture;
import dev.voiceotp.worker.attempt.CodeGenerator;

/**
 * No package cycles, no Redis script in the web layer, only the contract shared ({@link ServiceArchitecture}); and
 * one-time codes drawn from {@link SecureRandom} only (NIST SP 800-63B: secrets from an approved random bit generator),
 * which a test of the codes' distribution could not tell from {@link Random}.
 */
class ArchitectureTest {

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.voiceotp.worker");

    @Test
    void shouldKeepTheLayoutRules() {
        ServiceArchitecture.of("worker").verify();
    }

    @Test
    void shouldDrawCodesFromSecureRandomOnly() {
        classes().that().areAssignableTo(CodeGenerator.class)
                .should().dependOnClassesThat().areAssignableTo(SecureRandom.class)
                .check(WORKER);
        noClasses().that().areAssignableTo(CodeGenerator.class)
                .should().dependOnClassesThat().haveFullyQualifiedName(Random.class.getName())
                .orShould().dependOnClassesThat().areAssignableTo(ThreadLocalRandom.class)
                .orShould().dependOnClassesThat().areAssignableTo(SplittableRandom.class)
                .orShould().callMethod(Math.class, "random")
                .check(WORKER);
    }
}
