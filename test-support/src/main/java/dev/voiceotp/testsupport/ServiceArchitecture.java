package dev.voiceotp.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The layout rules every deployable keeps, checked on its main classes by an architecture test in each module:
 * <ul>
 * <li>its packages depend on each other without cycles, so each can be read, and moved, on its own;</li>
 * <li>its web layer (controllers, route and handler classes) does not run Redis scripts itself: the atomic
 * operations live behind the service classes that own them;</li>
 * <li>it shares code with the other deployables only through otp-contract, never through another deployable,
 * the launcher or the test kit.</li>
 * </ul>
 */
public final class ServiceArchitecture {

    private static final List<String> DEPLOYABLES = List.of("gateway", "worker", "verifier", "sandbox", "launcher",
            "testsupport");

    private final String basePackage;
    private final JavaClasses classes;

    ServiceArchitecture(String basePackage, JavaClasses classes) {
        this.basePackage = basePackage;
        this.classes = classes;
    }

    /** The main classes under {@code dev.voiceotp.<name>}. */
    public static ServiceArchitecture of(String name) {
        String basePackage = "dev.voiceotp." + name;
        return new ServiceArchitecture(basePackage, new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage));
    }

    /** Checks every rule; a failure lists each violation of each rule. */
    public void verify() {
        CompositeArchRule.of(packagesFreeOfCycles()).and(webLayerRunsNoRedisScripts()).and(sharesOnlyTheContract())
                .check(classes);
    }

    private ArchRule packagesFreeOfCycles() {
        // a module of one package has no slices, and no cycles
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    private static ArchRule webLayerRunsNoRedisScripts() {
        return noClasses().that(describe("are controllers, routes or web handlers", ServiceArchitecture::isWeb))
                .should().dependOnClassesThat(describe("are Redis scripts", ServiceArchitecture::isRedisScript))
                .because("atomic Redis operations belong to the service classes that own them")
                .allowEmptyShould(true);
    }

    private ArchRule sharesOnlyTheContract() {
        String own = basePackage.substring("dev.voiceotp.".length());
        String[] others = DEPLOYABLES.stream().filter(name -> !name.equals(own))
                .map(name -> "dev.voiceotp." + name + "..").toArray(String[]::new);
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                .because("deployables share code only through otp-contract");
    }

    private static boolean isWeb(JavaClass type) {
        String name = type.getSimpleName();
        return type.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                || type.isAnnotatedWith("org.springframework.stereotype.Controller")
                || name.endsWith("Controller") || name.endsWith("Routes") || name.endsWith("Handler");
    }

    private static boolean isRedisScript(JavaClass type) {
        return type.getPackageName().startsWith("org.springframework.data.redis.core.script")
                || type.getPackageName().startsWith("dev.voiceotp.") && type.getSimpleName().endsWith("Script");
    }
}
